package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.monitor.TimeShare;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** The demo's last lines: the monitor's time during training against its budget, the end apart. */
class DemoSummaryTest {

    private static String print(TimeShare time) {
        StringWriter text = new StringWriter();
        new DemoSummary(new PrintWriter(text), List.of(), 6, time, Path.of("timeline.jsonl")).print();
        return text.toString();
    }

    @Test
    void theBudgetIsHeldAgainstTheTimeDuringTrainingAndTheLastCheckpointIsShownApart() {
        // 60 s of training; 6 s of monitor during training (9.1 %), 30 s more at the last checkpoint.
        String text = print(new TimeShare(0.10, 60, 36, 30));

        assertTrue(text.contains("training 60.0 s (10.0 s per epoch), monitor 6.0 s during training: 9.1% of that "
                + "time (budget 10%)"), text);
        assertTrue(text.contains("and 30.0 s at the last checkpoint, which scores every technique whatever it costs: "
                + "37.5% of the total"), text);
    }

    @Test
    void withNothingAtTheEndOnlyTheTimeDuringTrainingIsShown() {
        String text = print(new TimeShare(1.0, 60, 6));

        assertTrue(text.contains("monitor 6.0 s during training: 9.1% of that time (budget none)"), text);
        assertFalse(text.contains("at the last checkpoint"), text);
    }
}
