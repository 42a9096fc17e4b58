package io.github.cscore.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.study.WarningOutcome.Criterion;
import io.github.cscore.study.WarningOutcome.Kind;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lead times, misses and false alarms on timelines written by hand. */
class StudyAnalysisTest {

    private final StudyAnalysis analysis = new StudyAnalysis(WarningCriteria.ofDefaults());

    /** Two classes, GradCAM and ScoreCAM, one checkpoint per epoch from 1. */
    private static List<CheckpointResult> checkpoints(double[] auc, double[] gradCam, double[] scoreCam) {
        List<CheckpointResult> list = new ArrayList<>();
        for (int i = 0; i < auc.length; i++) {
            list.add(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {8, 8}, new double[] {auc[i], auc[i]})
                    .scored(Technique.GRAD_CAM, new double[] {gradCam[i], gradCam[i]}, new int[] {0, 0})
                    .scored(Technique.SCORE_CAM, new double[] {scoreCam[i], scoreCam[i]}, new int[] {0, 0})
                    .epoch(i + 1)
                    .build("r"));
        }
        return list;
    }

    private static AlertEvent firing(String rule, String technique, int epoch) {
        return new AlertEvent(rule, Severity.WARNING, AlertEvent.State.FIRING, "r", "resnet50v2", epoch, technique,
                "PNEUMONIA", 0.1, 0.2, "test");
    }

    private static StudyTimeline run(String scenario, List<CheckpointResult> checkpoints, AlertEvent... alerts) {
        return new StudyTimeline("r", "resnet50v2", "phantoms", scenario, 1,
                new Timeline(Path.of("t.jsonl"), checkpoints, List.of(alerts), 0), Map.of(), 10);
    }

    private static WarningOutcome find(List<WarningOutcome> outcomes, String signal, Criterion criterion) {
        return outcomes.stream().filter(o -> o.signal().equals(signal) && o.criterion() == criterion)
                .findFirst().orElseThrow();
    }

    @Nested
    class AucDrop {

        @Test
        void isTheFirstCheckpointBelowTheRunningMaximumMinusTheMargin() {
            // max 0.95 at index 2; 0.91 is within 0.05, 0.89 is not.
            List<CheckpointResult> c = checkpoints(new double[] {0.7, 0.9, 0.95, 0.91, 0.89, 0.5},
                    new double[6], new double[6]);

            assertEquals(4, analysis.aucDrop(c));
        }

        @Test
        void aSlowRiseWithSmallDipsIsNoDrop() {
            List<CheckpointResult> c = checkpoints(new double[] {0.6, 0.58, 0.7, 0.66, 0.8}, new double[5],
                    new double[5]);

            assertEquals(StudyAnalysis.NONE, analysis.aucDrop(c));
        }

        @Test
        void aWiderMarginMovesTheDropLater() {
            StudyAnalysis lenient = new StudyAnalysis(new WarningCriteria(0.2, 0.1));
            List<CheckpointResult> c = checkpoints(new double[] {0.9, 0.8, 0.6}, new double[3], new double[3]);

            assertEquals(1, analysis.aucDrop(c));
            assertEquals(2, lenient.aucDrop(c));
        }
    }

    @Nested
    class ScoreDrop {

        @Test
        void anUndefinedScoreAfterADefinedOneIsADrop() {
            List<CheckpointResult> c = checkpoints(new double[] {0.9, 0.9, 0.9, 0.9},
                    new double[] {Double.NaN, 0.5, 0.48, Double.NaN}, new double[] {0.5, 0.45, 0.39, 0.3});

            assertEquals(3, analysis.scoreDrop(c, Technique.GRAD_CAM));
            assertEquals(2, analysis.scoreDrop(c, Technique.SCORE_CAM)); // 0.39 < 0.5 - 0.1
        }
    }

    @Nested
    class Outcomes {

        // AUC peaks at epoch 3 (index 2) and drops at epoch 5 (index 4).
        private final List<CheckpointResult> collapse = checkpoints(new double[] {0.8, 0.9, 0.97, 0.95, 0.6, 0.5},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.5, Double.NaN}, new double[] {0.6, 0.6, 0.55, 0.45, 0.3, 0.2});

        @Test
        void anAlertTwoCheckpointsBeforeTheDropHasLeadTwo() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreRelativeDrop", "scorecam", 3));

            WarningOutcome scoreCam = find(analysis.outcomes(run), "scorecam", Criterion.ALERT);

            assertEquals(Kind.EARLY, scoreCam.kind());
            assertEquals(5, scoreCam.aucDropEpoch());
            assertEquals(3, scoreCam.warnEpoch());
            assertEquals(2, scoreCam.lead());
            assertEquals("CScoreRelativeDrop", scoreCam.rule());
            assertFalse(scoreCam.isMiss());
        }

        @Test
        void anAlertAfterTheDropIsALateMissWithNegativeLead() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreBelowFloor", "gradcam", 6));

            WarningOutcome gradCam = find(analysis.outcomes(run), "gradcam", Criterion.ALERT);

            assertEquals(Kind.LATE, gradCam.kind());
            assertEquals(-1, gradCam.lead());
            assertTrue(gradCam.isMiss());
        }

        @Test
        void noAlertAtAllIsAMissedDrop() {
            WarningOutcome scoreCam = find(analysis.outcomes(run("collapse", collapse)), "scorecam", Criterion.ALERT);

            assertEquals(Kind.MISSED, scoreCam.kind());
            assertTrue(scoreCam.isMiss());
            assertFalse(scoreCam.hasLead());
        }

        @Test
        void aResolvedEventIsNoWarning() {
            AlertEvent resolved = new AlertEvent("CScoreRelativeDrop", Severity.WARNING, AlertEvent.State.RESOLVED,
                    "r", "m", 2, "scorecam", "", 0, 0, "test");

            WarningOutcome scoreCam = find(analysis.outcomes(run("collapse", collapse, resolved)), "scorecam",
                    Criterion.ALERT);

            assertEquals(Kind.MISSED, scoreCam.kind());
        }

        @Test
        void anAlertAboutAnotherTechniqueDoesNotCountButCountsForAny() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreGoldListCollapse", "", 4));

            List<WarningOutcome> outcomes = analysis.outcomes(run);

            assertEquals(Kind.MISSED, find(outcomes, "scorecam", Criterion.ALERT).kind());
            WarningOutcome any = find(outcomes, WarningOutcome.ANY, Criterion.ALERT);
            assertEquals(Kind.EARLY, any.kind());
            assertEquals(1, any.lead());
        }

        @Test
        void scoreDropsGiveTheirOwnLeadTimes() {
            List<WarningOutcome> outcomes = analysis.outcomes(run("collapse", collapse));

            // ScoreCAM 0.45 < 0.6 - 0.1 at epoch 4, one before the drop; GradCAM undefined at 6, after it.
            assertEquals(1, find(outcomes, "scorecam", Criterion.SCORE_DROP).lead());
            assertEquals(Kind.LATE, find(outcomes, "gradcam", Criterion.SCORE_DROP).kind());
            assertEquals(1, find(outcomes, WarningOutcome.ANY, Criterion.SCORE_DROP).lead());
        }

        @Test
        void anyAlertInAHealthyRunIsAFalseAlarmAndQuietIsNot() {
            List<CheckpointResult> healthy = checkpoints(new double[] {0.8, 0.9, 0.95, 0.96},
                    new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {0.5, 0.52, 0.5, 0.49});
            StudyTimeline run = run("healthy", healthy, firing("CScoreBelowFloor", "gradcam", 3));

            List<WarningOutcome> outcomes = analysis.outcomes(run);

            WarningOutcome gradCam = find(outcomes, "gradcam", Criterion.ALERT);
            assertEquals(Kind.WARNED, gradCam.kind());
            assertTrue(gradCam.isFalseAlarm());
            WarningOutcome scoreCam = find(outcomes, "scorecam", Criterion.ALERT);
            assertEquals(Kind.QUIET, scoreCam.kind());
            assertFalse(scoreCam.isFalseAlarm());
            assertFalse(find(outcomes, "scorecam", Criterion.SCORE_DROP).isFalseAlarm());
        }

        @Test
        void theSameAlertInACollapseRunIsNoFalseAlarm() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreBelowFloor", "gradcam", 3));

            assertFalse(find(analysis.outcomes(run), "gradcam", Criterion.ALERT).isFalseAlarm());
        }
    }

    @Nested
    class AgainstTheHealthyTwin {

        private final List<CheckpointResult> collapse = checkpoints(new double[] {0.8, 0.9, 0.97, 0.95, 0.6},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, new double[] {0.6, 0.6, 0.55, 0.45, 0.3});
        private final List<CheckpointResult> healthy = checkpoints(new double[] {0.8, 0.9, 0.97, 0.97, 0.98},
                new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, new double[] {0.6, 0.6, 0.55, 0.55, 0.55});

        @Test
        void anAlertTheHealthyTwinAlsoFiredIsNotNew() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreRelativeDrop", "scorecam", 2),
                    firing("CScoreBelowFloor", "scorecam", 4));
            StudyTimeline twin = run("healthy", healthy, firing("CScoreRelativeDrop", "scorecam", 2));

            List<WarningOutcome> outcomes = analysis.newAlertOutcomes(run, twin);

            WarningOutcome scoreCam = find(outcomes, "scorecam", Criterion.NEW_ALERT);
            assertEquals(4, scoreCam.warnEpoch());
            assertEquals("CScoreBelowFloor", scoreCam.rule());
            assertEquals(1, scoreCam.lead()); // AUC drops at epoch 5
            // By plain alerts the shared one at epoch 2 would have counted, three checkpoints early.
            assertEquals(3, find(analysis.outcomes(run), "scorecam", Criterion.ALERT).lead());
        }

        @Test
        void theSameRuleAtAnotherEpochIsNew() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreRelativeDrop", "scorecam", 3));
            StudyTimeline twin = run("healthy", healthy, firing("CScoreRelativeDrop", "scorecam", 2));

            WarningOutcome any = find(analysis.newAlertOutcomes(run, twin), WarningOutcome.ANY, Criterion.NEW_ALERT);

            assertEquals(Kind.EARLY, any.kind());
            assertEquals(3, any.warnEpoch());
        }

        @Test
        void withOnlySharedAlertsTheDropIsMissed() {
            StudyTimeline run = run("collapse", collapse, firing("CScoreRelativeDrop", "gradcam", 2));
            StudyTimeline twin = run("healthy", healthy, firing("CScoreRelativeDrop", "gradcam", 2));

            WarningOutcome gradCam = find(analysis.newAlertOutcomes(run, twin), "gradcam", Criterion.NEW_ALERT);

            assertEquals(Kind.MISSED, gradCam.kind());
        }
    }

    @Test
    void rejectsAMarginOutsideZeroToOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WarningCriteria(0, 0.1));

        assertTrue(error.getMessage().contains("aucMargin"), error.getMessage());
    }
}
