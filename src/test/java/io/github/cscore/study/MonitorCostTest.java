package io.github.cscore.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The study's account of the monitor: its time against training's, and the checkpoints each technique was scored at. */
class MonitorCostTest {

    private static final List<String> CLASSES = List.of("NORMAL", "PNEUMONIA");

    private static Results checkpoint(int epoch) {
        return Results.classes(CLASSES, new int[] {6, 5}, new double[] {0.9, 0.8}).epoch(epoch);
    }

    /** A run of the checkpoints given (2 s each, as the test results take), its wall and held-out time. */
    private static StudyRunData run(String id, double wall, double heldOut, CheckpointResult... checkpoints) {
        List<RunSeries.Point> points = new ArrayList<>();
        for (int i = 0; i < checkpoints.length; i++) {
            points.add(new RunSeries.Point(10 * (i + 1), 0.9, 0.9));
        }
        return new StudyRunData(new RunSeries(id, RunSeries.HEALTHY, 11, RunSeries.Split.REPORT, -1, points),
                List.of(checkpoints), 4, wall, heldOut);
    }

    @Test
    void countsEachTechniquesCheckpointsAndSetsTheMonitorAgainstTrainingLessTheHeldOutEvaluation() {
        StudyRunData first = run("healthy-s11", 100, 20,
                checkpoint(1).scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0})
                        .skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT).build("healthy-s11"),
                checkpoint(2).scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0})
                        .scored(Technique.SCORE_CAM, new double[] {0.4, 0.3}, new int[] {0, 0}).build("healthy-s11"));
        StudyRunData second = run("healthy-s12", 60, 20,
                checkpoint(1).skipped(Technique.GRAD_CAM, SkipReason.TIMEOUT)
                        .skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT).build("healthy-s12"));

        MonitorCost cost = MonitorCost.of(List.of(first, second));

        assertEquals(6.0, cost.monitorSeconds(), 1e-12);
        assertEquals(120.0, cost.trainingSeconds(), 1e-12);
        assertEquals(0.05, cost.share(), 1e-12);
        assertEquals("monitor: 5.0 % of training (6 s of 120 s, the runs' wall time less the held-out evaluation); "
                + "checkpoints scored per technique: gradcam 2/3 (0 scheduled out, 1 skipped otherwise), "
                + "scorecam 1/3 (2 scheduled out)", cost.line());
    }

    @Test
    void withoutAKnownTrainingTimeTheShareIsUnknown() {
        StudyRunData unknown = run("healthy-s11", Double.NaN, 0,
                checkpoint(1).scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0}).build("healthy-s11"));

        assertTrue(Double.isNaN(MonitorCost.of(List.of(unknown)).share()));
    }
}
