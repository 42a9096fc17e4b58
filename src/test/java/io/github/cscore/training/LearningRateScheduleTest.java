package io.github.cscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

class LearningRateScheduleTest {

    /** Each stage as "epochs@rate", the rate being the tracker's at the first update. */
    private static List<String> stages(LearningRateSchedule schedule, int epochs) {
        return schedule.stages(epochs).stream().map(s -> s.epochs() + "@" + s.learningRate().getNewValue(0)).toList();
    }

    @Test
    void aConstantRateIsOneOptimiserForTheWholePhase() {
        assertEquals(List.of("5@0.002"), stages(LearningRateSchedule.constant(0.002f), 5));
    }

    @Test
    void aPhaseOfNoEpochHasNoStage() {
        assertEquals(List.of(), stages(LearningRateSchedule.constant(0.002f), 0));
        assertEquals(List.of(), stages(LearningRateSchedule.growingEachEpoch(0.005f, 3), 0));
    }

    @Test
    void aGrowingRateStartsANewOptimiserEveryEpochAtTheRateTimesTheFactor() {
        // 0.005 * 3 = 0.015, * 3 = 0.045, multiplied in float as the study always did.
        float second = 0.005f * 3;
        float third = second * 3;

        assertEquals(List.of("1@0.005", "1@" + second, "1@" + third), stages(LearningRateSchedule.growingEachEpoch(0.005f, 3), 3));
    }

    @Test
    void aGrowthFactorOfOneIsOneOptimiserAtTheStartRate() {
        assertEquals(List.of("3@0.005"), stages(LearningRateSchedule.growingEachEpoch(0.005f, 1), 3));
    }

    @Test
    void theStudysCollapseIsTheHealthyRateThenARateThatGrowsEveryEpoch() {
        LearningRateSchedule collapse = LearningRateSchedule.constant(0.002f)
                .switchAfter(2, LearningRateSchedule.growingEachEpoch(0.005f, 3));

        assertEquals(List.of("2@0.002", "1@0.005", "1@" + 0.005f * 3, "1@" + 0.005f * 3 * 3), stages(collapse, 5));
    }

    @Test
    void aSwitchAfterNoEpochIsTheSecondScheduleAlone() {
        LearningRateSchedule switched = LearningRateSchedule.constant(0.002f)
                .switchAfter(0, LearningRateSchedule.constant(0.005f));

        assertEquals(List.of("4@0.005"), stages(switched, 4));
    }

    @Test
    void aRatePerUpdateKeepsItsTrackerForTheWholePhase() {
        Tracker growing = update -> 0.001f * (1 + update);

        List<TrainingStage> stages = LearningRateSchedule.perUpdate(growing).stages(3);

        assertEquals(1, stages.size());
        assertEquals(3, stages.get(0).epochs());
        assertSame(growing, stages.get(0).learningRate());
    }

    @Nested
    class Rejects {

        @Test
        void aRateThatIsNotPositive() {
            assertEquals("learningRate must be positive and finite, but was 0.0",
                    message(() -> LearningRateSchedule.constant(0)));
            assertEquals("learningRate must be positive and finite, but was Infinity",
                    message(() -> LearningRateSchedule.constant(Float.POSITIVE_INFINITY)));
            assertEquals("startRate must be positive and finite, but was NaN",
                    message(() -> LearningRateSchedule.growingEachEpoch(Float.NaN, 2)));
        }

        @Test
        void aGrowthFactorBelowOne() {
            assertEquals("growthFactor must be at least 1 and finite, but was 0.5",
                    message(() -> LearningRateSchedule.growingEachEpoch(0.005f, 0.5f)));
        }

        @Test
        void aNegativeSwitch() {
            assertEquals("switchAfter must be non-negative, but was -1",
                    message(() -> LearningRateSchedule.constant(0.002f).switchAfter(-1, LearningRateSchedule.constant(1))));
        }

        @Test
        void aSwitchThatTheSecondScheduleWouldNeverReach() {
            LearningRateSchedule late = LearningRateSchedule.constant(0.002f).switchAfter(5, LearningRateSchedule.constant(1));

            assertEquals("switchAfter must be below the epochs of the phase (5), but was 5", message(() -> late.stages(5)));
        }

        @Test
        void aStageWithoutEpochs() {
            assertEquals("epochs of a stage must be at least 1, but was 0",
                    message(() -> new TrainingStage(0, Tracker.fixed(0.1f))));
        }

        private String message(Runnable making) {
            return assertThrows(IllegalArgumentException.class, making::run).getMessage();
        }
    }
}
