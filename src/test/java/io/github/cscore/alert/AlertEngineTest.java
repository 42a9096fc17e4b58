package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.cscore.control.TrainingControl;
import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class AlertEngineTest {

    /** One class, GradCAM only, at the given score. */
    private static CheckpointResult score(double value, int epoch) {
        return Results.classes(List.of("NORMAL"), new int[] {12}, new double[] {0.95})
                .scored(Technique.GRAD_CAM, new double[] {value}, new int[] {0})
                .epoch(epoch)
                .build("r1");
    }

    private static final AlertKey LOW = new AlertKey(BelowFloor.NAME, "gradcam", "NORMAL");

    @Nested
    class Persistence {

        @Test
        void aConditionFiresAtItsForCheckpointsNotBefore() {
            AlertEngine engine = AlertEngine.ofDefaults(); // floor 0.15 for 2 checkpoints

            List<AlertEvent> first = engine.evaluate(score(0.10, 1));
            List<AlertEvent> second = engine.evaluate(score(0.10, 2));

            assertTrue(first.isEmpty(), first.toString());
            assertEquals(1, second.size());
            assertEquals(AlertEvent.State.FIRING, second.get(0).state());
            assertEquals(Set.of(LOW), engine.firing());
        }

        @Test
        void aFiringAlertResolvesAtTheFirstCheckpointWithoutTheCondition() {
            AlertEngine engine = AlertEngine.ofDefaults();
            engine.evaluate(score(0.10, 1));
            engine.evaluate(score(0.10, 2));

            List<AlertEvent> events = engine.evaluate(score(0.30, 3));

            assertEquals(AlertEvent.State.RESOLVED, events.get(0).state());
            assertEquals(3, events.get(0).epoch());
            assertTrue(engine.firing().isEmpty());
            assertEquals(List.of(LOW), engine.known());
        }

        @Test
        void anInterruptedStreakStartsAgain() {
            AlertEngine engine = AlertEngine.ofDefaults();
            engine.evaluate(score(0.10, 1));
            engine.evaluate(score(0.30, 2));

            List<AlertEvent> events = engine.evaluate(score(0.10, 3)); // 0.10 after 0.30 is a relative drop, though

            assertTrue(events.stream().noneMatch(e -> e.rule().equals(BelowFloor.NAME)), events.toString());
        }
    }

    /** GradCAM left out of the checkpoint by the monitor's time budget. */
    private static CheckpointResult scheduledOut(int epoch) {
        return Results.classes(List.of("NORMAL"), new int[] {12}, new double[] {0.95})
                .skipped(Technique.GRAD_CAM, SkipReason.SCHEDULED_OUT)
                .epoch(epoch)
                .build("r1");
    }

    @Nested
    class WhenTheBudgetLeavesATechniqueOut {

        @Test
        void aFiringAlertKeepsFiringOverTheCheckpointAndResolvesOnlyWhenScoredAgain() {
            AlertEngine engine = AlertEngine.ofDefaults();
            engine.evaluate(score(0.10, 1));
            engine.evaluate(score(0.10, 2));

            List<AlertEvent> leftOut = engine.evaluate(scheduledOut(3));
            List<AlertEvent> scoredAgain = engine.evaluate(score(0.30, 4));

            assertTrue(leftOut.isEmpty(), leftOut.toString());
            assertEquals(List.of(AlertEvent.State.RESOLVED), scoredAgain.stream().map(AlertEvent::state).toList());
            assertEquals(4, scoredAgain.get(0).epoch());
        }

        @Test
        void theCheckpointDoesNotCountTowardsFiring() {
            AlertEngine engine = AlertEngine.ofDefaults(); // floor 0.15 for 2 checkpoints
            engine.evaluate(score(0.10, 1));

            List<AlertEvent> leftOut = engine.evaluate(scheduledOut(2));
            List<AlertEvent> second = engine.evaluate(score(0.10, 3));

            assertTrue(leftOut.isEmpty(), leftOut.toString());
            assertEquals(List.of(LOW), second.stream().map(AlertKey::of).toList());
        }

        @Test
        void checkpointsLeavingItOutAreNeitherADropNorAFailure() {
            AlertEngine engine = AlertEngine.ofDefaults();
            List<AlertEvent> events = new ArrayList<>(engine.evaluate(score(0.60, 1)));

            for (int epoch = 2; epoch <= 6; epoch++) {
                events.addAll(engine.evaluate(scheduledOut(epoch)));
            }
            events.addAll(engine.evaluate(score(0.60, 7)));

            assertTrue(events.isEmpty(), events.toString());
        }
    }

    @Nested
    class Delivery {

        @Test
        void eventsCarryRuleSeverityTechniqueClassValueAndThreshold() {
            List<AlertEvent> received = new ArrayList<>();
            AlertEngine engine = AlertEngine.builder().optListener(received::add).build();

            engine.accept(score(0.10, 1));
            engine.accept(score(0.12, 2));

            AlertEvent event = received.get(0);
            assertEquals(BelowFloor.NAME, event.rule());
            assertEquals(Severity.WARNING, event.severity());
            assertEquals("gradcam", event.technique());
            assertEquals("NORMAL", event.className());
            assertEquals(0.12, event.value());
            assertEquals(0.15, event.threshold());
            assertEquals("r1", event.run());
            assertEquals("GradCAM C-Score of class NORMAL is 0.12, below the floor 0.15", event.message());
        }

        @Test
        void aThrowingListenerDoesNotStopTheOthers() {
            List<AlertEvent> received = new ArrayList<>();
            AlertEngine engine = AlertEngine.builder()
                    .optListener(e -> {
                        throw new IllegalStateException("broken listener");
                    })
                    .optListener(received::add)
                    .build();

            engine.accept(score(0.10, 1));
            engine.accept(score(0.10, 2));

            assertEquals(1, received.size());
        }

        @Test
        void aThrowingDetectorKeepsTheOthersRunning() {
            Detector broken = new Detector() {
                public String rule() {
                    return "Broken";
                }

                public Severity severity() {
                    return Severity.INFO;
                }

                public int forCheckpoints() {
                    return 1;
                }

                public List<Finding> evaluate(CheckpointHistory history) {
                    throw new IllegalStateException("detector bug");
                }
            };
            AlertEngine engine = AlertEngine.builder().optDetector(broken).build();

            engine.evaluate(score(0.10, 1));

            assertEquals(Set.of(LOW), engine.evaluate(score(0.10, 2)).stream().map(AlertKey::of)
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Nested
    class Actions {

        @Test
        void snapshotAndStopAreRequestedFromTheAttachedMonitor() {
            TrainingControl monitor = mock(TrainingControl.class);
            AlertEngine engine = AlertEngine.builder().optSnapshotOn(Severity.WARNING).optStopOn(Severity.WARNING)
                    .build().attach(monitor);

            engine.accept(score(0.10, 1));
            engine.accept(score(0.10, 2));

            verify(monitor).requestSnapshot(BelowFloor.NAME);
            verify(monitor).requestStop("alert CScoreBelowFloor: GradCAM C-Score of class NORMAL is 0.10, below the "
                    + "floor 0.15");
        }

        @Test
        void actionsBelowTheirSeverityAreNotTaken() {
            TrainingControl monitor = mock(TrainingControl.class);
            AlertEngine engine = AlertEngine.builder().optStopOn(Severity.CRITICAL).build().attach(monitor);

            engine.accept(score(0.10, 1));
            engine.accept(score(0.10, 2));

            verify(monitor, never()).requestStop(anyString());
        }
    }

    @Nested
    class Builder {

        @Test
        void rejectsAnUnknownRuleToDisable() {
            var e = assertThrows(IllegalArgumentException.class, () -> AlertEngine.builder().optDisabled("NoSuchRule"));
            assertTrue(e.getMessage().startsWith("unknown rule 'NoSuchRule'"), e.getMessage());
        }

        @Test
        void disabledRulesDoNotRun() {
            AlertEngine engine = AlertEngine.builder().optDisabled(BelowFloor.NAME).build();
            engine.evaluate(score(0.10, 1));

            assertTrue(engine.evaluate(score(0.10, 2)).isEmpty());
        }

        @Test
        void aRuleNamedLikeABuiltInOneReplacesIt() {
            AlertEngine engine = AlertEngine.builder().optRule(new BelowFloor(new BelowFloor.Settings(0.5, 1))).build();

            List<AlertEvent> events = engine.evaluate(score(0.40, 1));

            assertEquals(BuiltInRules.ofDefaults().size(), engine.rules().size());
            assertEquals(List.of(BelowFloor.NAME), events.stream().map(AlertEvent::rule).toList());
        }

        @Test
        void disabledRulesAreLeftOutOfTheRulesToRender() {
            AlertEngine engine = AlertEngine.builder().optDisabled(BelowFloor.NAME).build();

            assertTrue(engine.rules().stream().noneMatch(rule -> rule.rule().equals(BelowFloor.NAME)));
            assertEquals(BuiltInRules.ofDefaults().size() - 1, engine.rules().size());
        }

        @Test
        void rejectsADetectorNamedLikeABuiltInRule() {
            Detector clash = mock(Detector.class);
            org.mockito.Mockito.when(clash.rule()).thenReturn(BelowFloor.NAME);

            var e = assertThrows(IllegalArgumentException.class, () -> AlertEngine.builder().optDetector(clash).build());
            assertEquals("rule name 'CScoreBelowFloor' is used twice", e.getMessage());
        }
    }
}
