package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

import io.github.cscore.cam.CamContext;
import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamTechnique;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time budget inside the monitor, on a clock the test moves: an epoch of training is 90 s, the
 * built-in technique costs nothing on it, and a costly technique of the test's own moves it on by
 * 200 s per image it explains. Nothing is timed.
 */
@ExtendWith(EngineManagerExtension.class)
class MonitorBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long EPOCH = 90 * SECOND;

    private final AtomicLong clock = new AtomicLong();
    private final List<CheckpointResult> results = new ArrayList<>();
    private Network network;
    private Trainer trainer;

    @BeforeEach
    void setUp(NDManager manager) {
        network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
        trainer = MonitorFixtures.mockedTrainer(network.block(), manager);
    }

    private CScoreMonitorBuilder monitor() {
        return CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optTechniques(Technique.GRAD_CAM, CostlyTechnique.TECHNIQUE)
                .optImplementation(new CostlyTechnique(clock, 200 * SECOND))
                .optClock(clock::get)
                .optTechniqueTimeout(Duration.ofDays(1))   // the injected costs are hours of the test's clock
                .optSink(results::add);
    }

    /** Trains {@code epochs} epochs of one batch each under one trainer, as DJL calls the listener. */
    private void train(CScoreMonitor monitor, int epochs) {
        monitor.onTrainingBegin(trainer);
        for (int epoch = 0; epoch < epochs; epoch++) {
            monitor.onTrainingBatch(trainer, null);
            clock.addAndGet(EPOCH);
            monitor.onEpoch(trainer);
        }
        monitor.onTrainingEnd(trainer);
    }

    private List<SkipReason> costlyStatus() {
        return results.stream().map(result -> result.technique(CostlyTechnique.TECHNIQUE).skipReason()).toList();
    }

    @Nested
    class WhenTheRunsLengthIsKnown {

        @Test
        void aCostlyTechniqueIsScheduledOutAndScoredAtTheLastCheckpoint() {
            CScoreMonitor monitor = monitor().optExpectedEpochs(4).build();

            train(monitor, 4);

            assertEquals(List.of(1, 2, 3, 4), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(java.util.Arrays.asList(SkipReason.SCHEDULED_OUT, SkipReason.SCHEDULED_OUT,
                    SkipReason.SCHEDULED_OUT, null), costlyStatus());
            assertTrue(results.stream().allMatch(result -> result.technique(Technique.GRAD_CAM).isScored()));
            assertEquals(3, monitor.statistics().skips(SkipReason.SCHEDULED_OUT));
            assertEquals(0, monitor.statistics().skips(SkipReason.TIMEOUT));
        }

        @Test
        void theFirstCheckpointProbesTheCostlyTechniqueOnOneImageAndSaysSo() {
            CScoreMonitor monitor = monitor().optExpectedEpochs(4).build();

            train(monitor, 4);

            TechniqueResult first = results.get(0).technique(CostlyTechnique.TECHNIQUE);
            assertEquals(200, first.seconds(), 1e-9);
            assertTrue(first.detail().startsWith("probed on one image (200.00 s); left out by the monitor's time "
                    + "budget (10 % of the run)"), first.detail());
            assertTrue(first.detail().endsWith("runs at the last checkpoint"), first.detail());
            assertEquals(0, results.get(1).technique(CostlyTechnique.TECHNIQUE).seconds());
        }

        @Test
        void aTrainerThatEndsBeforeTheExpectedEpochsIsNotTheEndOfTheRun() {
            CScoreMonitor monitor = monitor().optExpectedEpochs(4).build();

            train(monitor, 2);
            train(monitor, 2);

            assertEquals(List.of(1, 2, 3, 4), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(java.util.Arrays.asList(SkipReason.SCHEDULED_OUT, SkipReason.SCHEDULED_OUT,
                    SkipReason.SCHEDULED_OUT, null), costlyStatus());
        }

        @Test
        void theTimeShareCountsTrainingAndTheMonitorApart() {
            CScoreMonitor monitor = monitor().optExpectedEpochs(4).build();

            train(monitor, 4);

            TimeShare share = monitor.timeShare();
            assertEquals(360, share.trainingSeconds(), 1e-9);
            double costly = results.stream()
                    .mapToDouble(result -> result.technique(CostlyTechnique.TECHNIQUE).seconds()).sum();
            assertEquals(costly, share.monitorSeconds(), 1e-9);
            assertEquals(0.10, share.limit());
        }

        @Test
        void theLastCheckpointIsCountedApartAsTheEndOfTheRun() {
            CScoreMonitor monitor = monitor().optExpectedEpochs(4).build();

            train(monitor, 4);

            TimeShare share = monitor.timeShare();
            double probe = results.get(0).technique(CostlyTechnique.TECHNIQUE).seconds();
            double last = results.get(3).technique(CostlyTechnique.TECHNIQUE).seconds();
            assertTrue(last >= 200, "the last checkpoint explains every gold image: " + last);
            assertEquals(last, share.endSeconds(), 1e-9);
            assertEquals(probe / (360 + probe), share.duringTrainingShare(), 1e-9);
            assertEquals((probe + last) / (360 + probe + last), share.share(), 1e-9);
        }

        @Test
        void aTechniqueWithNothingToExplainIsNotProbed() {
            // No image reaches a confidence of 1: no gold list, nothing for the costly technique to explain.
            CScoreMonitor monitor = monitor().optExpectedEpochs(3)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(1f).optMinGoldSize(2).build()).build();

            train(monitor, 3);

            assertEquals(List.of(0.0, 0.0, 0.0), results.stream()
                    .map(result -> result.technique(CostlyTechnique.TECHNIQUE).seconds()).toList());
            assertEquals(0, monitor.timeShare().monitorSeconds(), 1e-9);
        }

        @Test
        void withoutAGoldListACostlyTechniqueExplainsNoExampleImageEither() {
            List<ExampleMaps> examples = new ArrayList<>();
            CScoreMonitor monitor = monitor().optExpectedEpochs(3).optExampleImages(2, examples::add)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(1f).optMinGoldSize(2).build()).build();

            train(monitor, 3);

            assertEquals(3, examples.size());
            assertTrue(examples.stream().noneMatch(maps -> maps.maps().containsKey(CostlyTechnique.TECHNIQUE)),
                    "no example maps of the costly technique");
            assertTrue(examples.stream().allMatch(maps -> maps.maps().containsKey(Technique.GRAD_CAM)));
            assertEquals(0, monitor.timeShare().monitorSeconds(), 1e-9, "its examples would cost 4 x 200 s each");
        }
    }

    @Nested
    class WhenTheRunsLengthIsNotKnown {

        @Test
        void aCheckpointLeavingATechniqueOutIsPublishedAtTheNextCallback() {
            CScoreMonitor monitor = monitor().build();
            monitor.onTrainingBegin(trainer);
            clock.addAndGet(EPOCH);

            monitor.onEpoch(trainer);
            int afterEpoch = results.size();
            monitor.onTrainingBatch(trainer, null);

            assertEquals(0, afterEpoch);
            assertEquals(List.of(1), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(SkipReason.SCHEDULED_OUT, costlyStatus().get(0));
        }

        @Test
        void theCheckpointBeforeTheTrainersEndIsCompletedWithEveryTechnique() {
            CScoreMonitor monitor = monitor().build();

            train(monitor, 3);

            assertEquals(List.of(1, 2, 3), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(java.util.Arrays.asList(SkipReason.SCHEDULED_OUT, SkipReason.SCHEDULED_OUT, null),
                    costlyStatus());
            assertEquals(3, monitor.statistics().checkpoints());
            assertEquals(2, monitor.statistics().skips(SkipReason.SCHEDULED_OUT));
        }

        @Test
        void trainingThatWentOnAfterTheLastCheckpointIsScoredAsACheckpointOfItsOwn() {
            CScoreMonitor monitor = monitor().optCheckpointEverySteps(2).build();
            monitor.onTrainingBegin(trainer);

            for (int batch = 0; batch < 3; batch++) {
                clock.addAndGet(EPOCH);
                monitor.onTrainingBatch(trainer, null);
            }
            monitor.onEpoch(trainer);
            monitor.onTrainingEnd(trainer);

            assertEquals(List.of(2, 3), results.stream().map(CheckpointResult::step).toList());
            assertEquals(java.util.Arrays.asList(SkipReason.SCHEDULED_OUT, null), costlyStatus());
        }
    }

    @Test
    void exampleMapsAreChargedToTheirTechniqueNotToTheBaseEveryCheckpointPays() {
        MonitorBudget budget = new MonitorBudget(0.10, List.of(Technique.GRAD_CAM, CostlyTechnique.TECHNIQUE),
                clock::get);
        budget.time().trainingBegins();
        clock.addAndGet(EPOCH);
        budget.plan(3, Map.of(Technique.GRAD_CAM, 16, CostlyTechnique.TECHNIQUE, 1));
        // The costly technique explained 1 image in 20 s, and its example maps took 400 s more;
        // the checkpoint's other work 1 s.
        budget.record(checkpoint(20), 421, technique -> 1, Map.of(CostlyTechnique.TECHNIQUE, 400.0));
        clock.addAndGet(EPOCH);

        CheckpointPlan next = budget.plan(2, Map.of(Technique.GRAD_CAM, 16, CostlyTechnique.TECHNIQUE, 1));

        // A base of 421 s would make 420 s look cheap; with the examples charged to it, the base is 1 s.
        assertEquals(TechniqueScheduler.Kind.OUT, next.decision(CostlyTechnique.TECHNIQUE).kind());
        assertEquals(TechniqueScheduler.Kind.RUN, next.decision(Technique.GRAD_CAM).kind());
    }

    private static CheckpointResult checkpoint(double costlySeconds) {
        Map<Technique, TechniqueResult> techniques = new java.util.TreeMap<>();
        techniques.put(Technique.GRAD_CAM, TechniqueResult.scored(Technique.GRAD_CAM, List.of(), 0));
        techniques.put(CostlyTechnique.TECHNIQUE, TechniqueResult.scored(CostlyTechnique.TECHNIQUE, List.of(),
                costlySeconds));
        return CheckpointResult.scored(new CheckpointResult.Identity("r1", "m", 1, Phase.FINETUNE),
                new CheckpointResult.Timing(java.time.Instant.EPOCH, 421, 1), 1, 1, List.of(), techniques, false);
    }

    @Test
    void aShareOfOneScoresEveryTechniqueAtEveryCheckpoint() {
        CScoreMonitor monitor = monitor().optMonitorShare(1.0).build();

        train(monitor, 2);

        assertEquals(java.util.Arrays.asList(null, null), costlyStatus());
    }

    @Test
    void checkpointsOutsideTrainingScoreEveryTechnique() {
        CScoreMonitor monitor = monitor().build();

        monitor.onEpoch(trainer);

        assertEquals(java.util.Arrays.asList((SkipReason) null), costlyStatus());
    }

    /** GradCAM's maps at an injected cost: each image explained moves the test's clock on. */
    static final class CostlyTechnique implements CamTechnique {

        static final Technique TECHNIQUE = Technique.of("costlycam", "Costly CAM");

        private final CamTechnique maps = CamExplainer.builtIn(Technique.GRAD_CAM);
        private final AtomicLong clock;
        private final long nanosPerImage;

        CostlyTechnique(AtomicLong clock, long nanosPerImage) {
            this.clock = clock;
            this.nanosPerImage = nanosPerImage;
        }

        @Override
        public Technique technique() {
            return TECHNIQUE;
        }

        @Override
        public List<NDArray> rawMaps(CamContext context) {
            clock.addAndGet(nanosPerImage * context.targets().length);
            return maps.rawMaps(context);
        }

        @Override
        public boolean explainsEverySampleImage() {
            return false;
        }
    }
}
