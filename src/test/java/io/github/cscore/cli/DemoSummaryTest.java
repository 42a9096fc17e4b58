package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.monitor.TimeShare;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** The demo's last lines: the monitor's time during training against its budget, the end apart. */
class DemoSummaryTest {

    private static String print(TimeShare time) {
        return print(List.of(), time);
    }

    private static String print(List<CheckpointResult> results, TimeShare time) {
        StringWriter text = new StringWriter();
        new DemoSummary(new PrintWriter(text), results, 6, time, Path.of("timeline.jsonl")).print();
        return text.toString();
    }

    /** A checkpoint of two classes with these gold lists, Grad-CAM scored in 0.1 s, Score-CAM as given. */
    private static CheckpointResult checkpoint(int epoch, int[] gold, UnaryOperator<Results> scoreCam) {
        double[] gradCam = gold[0] >= 2 ? new double[] {0.5, 0.5} : new double[] {Double.NaN, Double.NaN};
        Results result = Results.classes(List.of("NORMAL", "PNEUMONIA"), gold, new double[] {0.9, 0.9})
                .scored(Technique.GRAD_CAM, gradCam, new int[2]).seconds(Technique.GRAD_CAM, 0.1);
        return scoreCam.apply(result).epoch(epoch).build("demo");
    }

    private static boolean hasLine(String text, String line) {
        return text.lines().anyMatch(line::equals);
    }

    @Test
    void eachTechniquesTimeIsAveragedOverTheCheckpointsItExplainedGoldImagesAt() {
        int[] none = {0, 0};
        int[] some = {6, 5};
        List<CheckpointResult> results = List.of(
                // No gold image: Score-CAM had nothing to explain; scored, every class undefined, in no time.
                checkpoint(1, none, r -> r.scored(Technique.SCORE_CAM, new double[] {Double.NaN, Double.NaN},
                        new int[2]).seconds(Technique.SCORE_CAM, 0)),
                checkpoint(2, some, r -> r.skipped(Technique.SCORE_CAM, SkipReason.CIRCUIT_OPEN)
                        .seconds(Technique.SCORE_CAM, 0)),
                checkpoint(3, some, r -> r.skipped(Technique.SCORE_CAM, SkipReason.ERROR)
                        .seconds(Technique.SCORE_CAM, 0.5)),
                checkpoint(4, some, r -> r.skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT)),
                checkpoint(5, some, r -> r.scored(Technique.SCORE_CAM, new double[] {0.4, 0.6}, new int[2])
                        .seconds(Technique.SCORE_CAM, 30)));

        String text = print(results, new TimeShare(1.0, 60, 31));

        // Score-CAM explained gold images at epoch 5 only, in 30 s; averaged over every checkpoint
        // not scheduled out (1, 2, 3 and 5) it would read 30.5 / 4 = 7.63 s. Grad-CAM: 0.1 s at
        // epochs 2 to 5; epoch 1 had no gold image.
        assertTrue(hasLine(text, "monitor time per checkpoint it explained gold images at (checkpoints): shared pass "
                + "0.50 s (5), gradcam 0.10 s (4), scorecam 30.00 s (1)"), text);
    }

    @Test
    void aTechniqueThatNeverExplainedAGoldImageSaysNone() {
        List<CheckpointResult> results = List.of(checkpoint(1, new int[] {0, 0}, r -> r));

        String text = print(results, new TimeShare(1.0, 60, 1));

        assertTrue(hasLine(text, "monitor time per checkpoint it explained gold images at (checkpoints): shared pass "
                + "0.50 s (1), gradcam none"), text);
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
