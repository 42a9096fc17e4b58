package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** Alerts given to the timeline writer as a listener land in the run's timeline beside the checkpoints. */
class AlertTimelineTest {

    @Test
    void firedAndResolvedAlertsAreWrittenToTheTimeline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            AlertEngine engine = AlertEngine.builder().optListener(writer::append).build();
            for (double score : new double[] {0.10, 0.10, 0.40}) {
                CheckpointResult result = Results.classes(List.of("NORMAL"), new int[] {12}, new double[] {0.95})
                        .scored(Technique.GRAD_CAM, new double[] {score}, new int[] {0}).build("r1");
                writer.accept(result);
                engine.accept(result);
            }
        }

        List<AlertEvent> alerts = Timeline.read(file).alerts();

        assertEquals(2, alerts.size());
        assertEquals(AlertEvent.State.FIRING, alerts.get(0).state());
        assertEquals(BelowFloor.NAME, alerts.get(0).rule());
        assertEquals(AlertEvent.State.RESOLVED, alerts.get(1).state());
    }
}
