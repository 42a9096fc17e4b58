package io.github.cscore.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.study.RunSeries.Point;
import io.github.cscore.study.RunSeries.Split;
import io.github.cscore.study.WarningJudge.Judgement;
import io.github.cscore.study.WarningJudge.Kind;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

class WarningJudgeTest {

    private static final WarningJudge JUDGE = new WarningJudge(0.05);

    /** A run with a checkpoint every 10 steps from step 0; held-out and sample AUC as given. */
    private static RunSeries run(String scenario, int onsetStep, double[] heldOut, double[] sample) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < heldOut.length; i++) {
            points.add(new Point(10 * i, sample[i], heldOut[i]));
        }
        return new RunSeries(scenario + "-s1", scenario, 1, Split.REPORT, onsetStep, points);
    }

    private static RunSeries degrading(double... heldOut) {
        return run("forgetting", 20, heldOut, heldOut);
    }

    @Nested
    class Drop {

        @Test
        void isTheFirstCheckpointBelowTheRunningMaximumMinusTheMargin() {
            RunSeries run = degrading(0.80, 0.95, 0.97, 0.93, 0.91, 0.60);

            assertEquals(4, JUDGE.drop(run), "0.91 < 0.97 - 0.05; 0.93 is not");
        }

        @Test
        void countsOnlyFromTheOnset() {
            // before the onset (step 20, index 2) the AUC dips; that dip is not the degradation's
            RunSeries run = degrading(0.95, 0.85, 0.96, 0.95, 0.70);

            assertEquals(4, JUDGE.drop(run));
        }

        @Test
        void anUndefinedAucAfterADefinedOneIsADrop() {
            RunSeries run = degrading(0.9, 0.9, 0.9, Double.NaN);

            assertEquals(3, JUDGE.drop(run));
        }

        @Test
        void isNoneWhenTheAucHolds() {
            assertEquals(WarningJudge.NONE, JUDGE.drop(degrading(0.9, 0.92, 0.95, 0.94, 0.93)));
        }
    }

    @Nested
    class Judging {

        private final RunSeries run = degrading(0.9, 0.95, 0.96, 0.95, 0.94, 0.80, 0.60);

        @Test
        void aWarningBeforeTheDropIsEarlyWithItsLeadInCheckpointsAndSteps() {
            Judgement judgement = JUDGE.judge(run, 3, false);

            assertEquals(Kind.EARLY, judgement.kind());
            assertEquals(5, judgement.drop());
            assertEquals(2, judgement.leadCheckpoints());
            assertEquals(20, judgement.leadSteps());
            assertFalse(judgement.falseAlarm());
        }

        @Test
        void aWarningAtTheDropIsOnTimeAndAfterItLate() {
            assertEquals(Kind.ON_TIME, JUDGE.judge(run, 5, false).kind());
            Judgement late = JUDGE.judge(run, 6, false);
            assertEquals(Kind.LATE, late.kind());
            assertEquals(-1, late.leadCheckpoints());
        }

        @Test
        void noWarningIsNeverAndAWarningBeforeTheOnsetIsAFalseAlarmOfTheRun() {
            Judgement judgement = JUDGE.judge(run, WarningJudge.NONE, true);

            assertEquals(Kind.NEVER, judgement.kind());
            assertTrue(judgement.falseAlarm());
        }

        @Test
        void aDegradingRunWhoseAucHeldIsToldApart() {
            RunSeries shortcut = run("shortcut", 20, new double[] {0.9, 0.99, 1, 1}, new double[] {0.9, 0.99, 1, 1});

            assertEquals(Kind.NO_DROP_WARNED, JUDGE.judge(shortcut, 3, false).kind());
            assertEquals(Kind.NO_DROP_QUIET, JUDGE.judge(shortcut, WarningJudge.NONE, false).kind());
        }

        @Test
        void anyWarningInAHealthyRunIsAFalseAlarm() {
            RunSeries healthy = run("healthy", -1, new double[] {0.9, 0.95}, new double[] {0.9, 0.95});

            assertEquals(Kind.FALSE_ALARM, JUDGE.judge(healthy, 0, false).kind());
            assertTrue(JUDGE.judge(healthy, 0, false).falseAlarm());
            assertEquals(Kind.QUIET, JUDGE.judge(healthy, WarningJudge.NONE, false).kind());
        }
    }

    @Nested
    class Baseline {

        @Test
        void theAucAlarmWarnsOnTheSampleAucFromTheOnsetAndFlagsAnEarlierAlarm() {
            double[] heldOut = {0.9, 0.95, 0.96, 0.95, 0.7};
            double[] sample = {0.9, 0.75, 0.96, 0.85, 0.7};
            RunSeries run = run("forgetting", 20, heldOut, sample);

            Warnings warnings = new AucAlarm(0.1).warnings(run);

            assertEquals(3, warnings.first(), "0.85 < 0.96 - 0.1");
            assertTrue(warnings.beforeOnset(), "0.75 < 0.90 - 0.1 at index 1, before the onset at index 2");
        }

        @Test
        void inAHealthyRunEveryWarningCounts() {
            BitSet warned = new BitSet();
            warned.set(1);
            RunSeries healthy = run("healthy", -1, new double[] {0.9, 0.95}, new double[] {0.9, 0.95});

            Warnings warnings = Warnings.of(healthy, warned);

            assertEquals(1, warnings.first());
            assertFalse(warnings.beforeOnset());
        }

        @Test
        void rejectsAMarginOutsideTheUnitInterval() {
            assertThrows(IllegalArgumentException.class, () -> new AucAlarm(0));
            assertThrows(IllegalArgumentException.class, () -> new WarningJudge(1));
        }
    }

    @Test
    void aRunRefusesStepsThatDoNotIncrease() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new RunSeries("r", "healthy",
                1, Split.REPORT, -1, List.of(new Point(10, 0.9, 0.9), new Point(10, 0.9, 0.9))));

        assertTrue(error.getMessage().contains("steps must increase"), error.getMessage());
    }

    @Test
    void aDegradingRunNeedsAnOnsetAndAHealthyOneNone() {
        assertThrows(IllegalArgumentException.class, () -> new RunSeries("r", "healthy", 1, Split.REPORT, 5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RunSeries("r", "forgetting", 1, Split.REPORT, -1, List.of()));
    }
}
