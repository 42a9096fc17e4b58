package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.monitor.TechniqueScheduler.Decision;
import io.github.cscore.monitor.TechniqueScheduler.Kind;
import io.github.cscore.monitor.TechniqueScheduler.Situation;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The time budget's decisions from injected costs and times: nothing here is timed. With a share
 * of 10 % the monitor may spend 1/9 s per second of training, so 90 s of training per checkpoint
 * allow 10 s per checkpoint.
 */
class TechniqueSchedulerTest {

    private static final Technique CHEAP = Technique.GRAD_CAM;
    private static final Technique COSTLY = Technique.SCORE_CAM;
    private static final Technique MIDDLE = Technique.EIGEN_CAM;
    private static final int UNKNOWN_END = -1;

    /** Checkpoint {@code n} after {@code 90 n} s of training, a base of 1 s, one image per technique. */
    private static Situation at(int n, double monitorSeconds, int remaining) {
        return new Situation(n, 90.0 * n, monitorSeconds, 1, remaining, Map.of(CHEAP, 1, COSTLY, 1, MIDDLE, 1));
    }

    private static TechniqueScheduler measured(double cheap, double costly) {
        TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(CHEAP, COSTLY));
        scheduler.ran(CHEAP, cheap, 1, 1);
        scheduler.ran(COSTLY, costly, 1, 1);
        return scheduler;
    }

    @Test
    void aShareOfOneRunsEveryTechniqueEvenUnmeasured() {
        TechniqueScheduler scheduler = new TechniqueScheduler(1.0, List.of(CHEAP, COSTLY));

        Map<Technique, Decision> plan = scheduler.plan(at(1, 0, UNKNOWN_END));

        assertEquals(Map.of(CHEAP, Decision.RUN, COSTLY, Decision.RUN), plan);
    }

    @Test
    void aTechniqueNeverMeasuredIsProbed() {
        TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(CHEAP, COSTLY));

        Map<Technique, Decision> plan = scheduler.plan(at(1, 0, UNKNOWN_END));

        assertEquals(Map.of(CHEAP, Decision.PROBE, COSTLY, Decision.PROBE), plan);
    }

    @Test
    void atTheLastCheckpointEverythingRunsWhateverItCosts() {
        TechniqueScheduler scheduler = measured(0.5, 500);

        Map<Technique, Decision> plan = scheduler.plan(at(2, 400, 0));

        assertEquals(Map.of(CHEAP, Decision.RUN, COSTLY, Decision.RUN), plan);
    }

    @Nested
    class TheInterval {

        @Test
        void aTechniqueCostingNoMoreThanTheBaseRunsAtEveryCheckpointEvenWithoutRoom() {
            TechniqueScheduler scheduler = measured(1.0, 500);

            // 50 s already spent: far over the 20 s allowed after 180 s of training.
            Decision cheap = scheduler.plan(at(2, 50, UNKNOWN_END)).get(CHEAP);

            assertEquals(Kind.RUN, cheap.kind());
        }

        @Test
        void aCostlyTechniqueRunsEveryKthCheckpointWithKFromItsCostAndTheRoom() {
            // Room per checkpoint: 10 s allowed - 1 s base - 0 s cheap = 9 s; 27 s -> every 3rd checkpoint.
            TechniqueScheduler scheduler = measured(0, 27);

            Decision second = scheduler.plan(at(2, 1.5, UNKNOWN_END)).get(COSTLY);
            Decision third = scheduler.plan(at(3, 3, UNKNOWN_END)).get(COSTLY);
            Decision fourth = scheduler.plan(at(4, 4.5, UNKNOWN_END)).get(COSTLY);

            assertEquals(Kind.OUT, second.kind());
            assertTrue(second.detail().contains("runs every 3rd checkpoint, next at checkpoint 4"), second.detail());
            assertTrue(second.detail().contains("10 % of the run"), second.detail());
            assertEquals(Kind.OUT, third.kind());
            assertEquals(Kind.RUN, fourth.kind(), fourth.detail());
        }

        @Test
        void kFollowsTheMeasuredCostAsTheRunGoes() {
            TechniqueScheduler scheduler = measured(0, 27);
            scheduler.ran(COSTLY, 45, 1, 4);   // 45 s / 9 s of room -> every 5th checkpoint

            Decision decision = scheduler.plan(at(5, 50, UNKNOWN_END)).get(COSTLY);

            assertTrue(decision.detail().contains("runs every 5th checkpoint, next at checkpoint 9"), decision.detail());
        }

        @Test
        void aCostPerImageIsScaledByTheImagesTheTechniqueWouldExplain() {
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(COSTLY));
            scheduler.ran(COSTLY, 9, 3, 1);   // 3 s per image; 6 images next -> 18 s -> every 2nd checkpoint

            Decision decision = scheduler.plan(new Situation(2, 180, 10, 1, UNKNOWN_END, Map.of(COSTLY, 6)))
                    .get(COSTLY);

            assertTrue(decision.detail().contains("about 18.00 s per checkpoint"), decision.detail());
            assertTrue(decision.detail().contains("every 2nd checkpoint"), decision.detail());
        }

        @Test
        void twoCostlyTechniquesShareTheRoomTheCheaperFirst() {
            // Room 9 s: EigenCAM at 4 s takes at most half (4.5 s) -> every checkpoint, 5 s left for
            // Score-CAM at 20 s -> every 4th.
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(MIDDLE, COSTLY));
            scheduler.ran(MIDDLE, 4, 1, 1);
            scheduler.ran(COSTLY, 20, 1, 1);

            Map<Technique, Decision> plan = scheduler.plan(at(2, 5, UNKNOWN_END));

            assertEquals(Kind.RUN, plan.get(MIDDLE).kind(), plan.get(MIDDLE).detail());
            assertTrue(plan.get(COSTLY).detail().contains("every 4th checkpoint"), plan.get(COSTLY).detail());
        }

        @Test
        void withoutRoomACostlyTechniqueWaitsForTheEnd() {
            TechniqueScheduler scheduler = measured(0, 27);

            // A base of 12 s leaves nothing of the 10 s allowed per checkpoint.
            Decision decision = scheduler.plan(new Situation(2, 180, 24, 12, UNKNOWN_END,
                    Map.of(CHEAP, 1, COSTLY, 1))).get(COSTLY);

            assertEquals(Kind.OUT, decision.kind());
            assertTrue(decision.detail().endsWith("runs when training ends"), decision.detail());
        }
    }

    @Nested
    class TheBudgetSoFar {

        @Test
        void aDueTechniqueWaitsWhileTheMonitorIsOverItsBudget() {
            TechniqueScheduler scheduler = measured(0, 27);

            // Due at checkpoint 4, but 20 s spent + 1 s base + 27 s = 48 s, 8 s over the 40 s allowed.
            Decision decision = scheduler.plan(at(4, 20, UNKNOWN_END)).get(COSTLY);

            assertEquals(Kind.OUT, decision.kind());
            assertTrue(decision.detail().contains("due, but it would put the monitor 8.00 s over its budget (so far)"),
                    decision.detail());
        }

        @Test
        void withAKnownEndTheRunAtTheLastCheckpointIsOutsideTheBudget() {
            TechniqueScheduler scheduler = measured(0, 27);

            // Checkpoint 4 of 6: by the end 6 x 90 s of training allow 60 s. Spent 4.5 s; now
            // 1 + 27; then a base of 1 at the one checkpoint before the last: 33.5 s. The 27 s at
            // the last checkpoint are not counted.
            Decision decision = scheduler.plan(at(4, 4.5, 2)).get(COSTLY);

            assertEquals(Kind.RUN, decision.kind(), decision.detail());
        }

        @Test
        void withAKnownEndADueRunWaitsIfTheRunUpToTheLastCheckpointWouldBreakTheBudget() {
            TechniqueScheduler scheduler = measured(0, 27);

            // As above with 32 s spent: 32 + 28 + 1 = 61 s against 60 s.
            Decision decision = scheduler.plan(at(4, 32, 2)).get(COSTLY);

            assertEquals(Kind.OUT, decision.kind());
            assertTrue(decision.detail().contains("1.00 s over its budget (by the end of the run); runs at the last "
                    + "checkpoint"), decision.detail());
        }

        @Test
        void withAKnownEndTheCostlyRunsStillDueBeforeTheLastAreCounted() {
            TechniqueScheduler scheduler = measured(0, 27);

            // Checkpoint 4 of 8: 80 s allowed by the end. Every 3rd checkpoint (27 s against 9 s of
            // room) puts one more run at checkpoint 7, before the last: 23 + 28 + 3 x 1 + 27 = 81 s.
            Decision late = scheduler.plan(at(4, 23, 4)).get(COSTLY);
            Decision early = scheduler.plan(at(4, 21, 4)).get(COSTLY);

            assertEquals(Kind.OUT, late.kind(), late.detail());
            assertTrue(late.detail().contains("1.00 s over its budget (by the end of the run)"), late.detail());
            assertEquals(Kind.RUN, early.kind(), early.detail());
        }
    }

    @Nested
    class AfterAProbe {

        @Test
        void aTechniqueCheapEnoughRunsInFull() {
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(CHEAP, COSTLY));

            Decision decision = scheduler.afterProbe(CHEAP, 0.01, at(1, 0, UNKNOWN_END), 0.5);

            assertEquals(Decision.RUN, decision);
        }

        @Test
        void aCostlyTechniqueIsLeftOutSayingWhatTheProbeCost() {
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(CHEAP, COSTLY));

            Decision decision = scheduler.afterProbe(COSTLY, 27, at(1, 0, UNKNOWN_END), 1);

            assertEquals(Kind.OUT, decision.kind());
            assertTrue(decision.detail().startsWith("probed on one image (27.00 s); left out by the monitor's time "
                    + "budget (10 % of the run): about 27.00 s per checkpoint"), decision.detail());
            assertTrue(decision.detail().contains("next at checkpoint 4"), decision.detail());
        }

        @Test
        void aTechniqueWhoseOneImageCostsNoMoreThanTheBaseRunsInFullToBeMeasured() {
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(MIDDLE));
            Situation first = new Situation(1, 90, 0, 1, UNKNOWN_END, Map.of(MIDDLE, 32));

            // 0.9 s x 32 images would be 28.8 s, far past the 10 s allowed; but a batched technique
            // costs about as much for one image as for 32.
            Decision decision = scheduler.afterProbe(MIDDLE, 0.9, first, 1);

            assertEquals(Decision.RUN, decision);
        }

        @Test
        void theBaseEstimateStandsInUntilABaseIsMeasured() {
            TechniqueScheduler scheduler = new TechniqueScheduler(0.10, List.of(CHEAP));
            Situation first = new Situation(1, 90, 0, Double.NaN, UNKNOWN_END, Map.of(CHEAP, 1));

            // 2 s is more than 10 s allowed can spare after a 9 s base, but no more than that base.
            Decision decision = scheduler.afterProbe(CHEAP, 2, first, 9);

            assertEquals(Decision.RUN, decision);
        }
    }

    @Test
    void percentagesAreWrittenWithoutTrailingZeros() {
        assertEquals("10 %", TechniqueScheduler.percent(0.10));
        assertEquals("12.5 %", TechniqueScheduler.percent(0.125));
    }
}
