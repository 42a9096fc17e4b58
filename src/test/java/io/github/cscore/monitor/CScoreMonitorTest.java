package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.SaveModelTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;

import io.github.cscore.cam.CamContext;
import io.github.cscore.cam.CamTechnique;
import io.github.cscore.model.Network;
import io.github.cscore.model.Training;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ExtendWith(EngineManagerExtension.class)
class CScoreMonitorTest {

    private NDManager manager;
    private Network network;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
    }

    private CScoreMonitorBuilder monitor(List<CheckpointResult> results) {
        return CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optCScore(io.github.cscore.score.CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optSink(results::add);
    }

    /** Scheduling and error handling, driven by a mocked trainer. */
    @Nested
    class WithAMockedTrainer {

        private Trainer trainer;

        @BeforeEach
        void mockTrainer() {
            trainer = MonitorFixtures.mockedTrainer(network.block(), manager);
        }

        @Test
        void scoresEverySecondEpochWhenCheckpointEveryIsTwo() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optCheckpointEvery(2).build();

            for (int epoch = 0; epoch < 5; epoch++) {
                monitor.onEpoch(trainer);
            }

            assertEquals(List.of(2, 4), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(2, monitor.statistics().checkpoints());
            assertEquals(results.get(1), monitor.latest().orElseThrow());
        }

        @Test
        void onSaveOnlyScoresNothingByItselfButEveryExplicitCheckpoint() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optCheckpointOnSaveOnly().build();

            for (int epoch = 0; epoch < 3; epoch++) {
                monitor.onEpoch(trainer);
            }
            monitor.checkpoint(trainer);

            assertEquals(List.of(3), results.stream().map(CheckpointResult::epoch).toList());
        }

        @Test
        void aFailingTrainerIsCountedAsAnErrorAndNothingIsThrown() {
            when(trainer.getModel()).thenThrow(new IllegalStateException("model closed"));
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).build();

            monitor.onEpoch(trainer);
            monitor.onEpoch(trainer);

            assertTrue(results.isEmpty());
            assertEquals(2, monitor.statistics().skips(SkipReason.ERROR));
            assertEquals(0, monitor.statistics().checkpoints());
        }

        @Test
        void aTrainerHoldingAnotherBlockIsAnErrorNotAWrongScore() {
            Network other = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 4);
            when(trainer.getModel().getBlock()).thenReturn(other.block());
            CScoreMonitor monitor = monitor(new ArrayList<>()).build();

            monitor.onEpoch(trainer);

            assertEquals(1, monitor.statistics().skips(SkipReason.ERROR));
        }

        @Test
        void aThrowingSinkIsCountedAndTheOtherSinksStillReceiveTheResult() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(MonitorFixtures.validation(8, 5))
                    .setNetwork(network)
                    .optTechniques(Technique.GRAD_CAM)
                    .optSink(result -> {
                        throw new IllegalStateException("disk full");
                    })
                    .optSink(results::add)
                    .build();

            monitor.onEpoch(trainer);

            assertEquals(1, results.size());
            assertEquals(1, monitor.statistics().sinkFailures("sink-1"));
            assertEquals(0, monitor.statistics().skips(SkipReason.ERROR), "the checkpoint itself was scored");
            assertEquals(1, monitor.statistics().checkpoints());
        }

        @Test
        void aFailingSinkIsOneWarningLineNamingTheSinkAndTheCauseWithoutATrace() {
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(MonitorFixtures.validation(8, 5))
                    .setNetwork(network)
                    .optTechniques(Technique.GRAD_CAM)
                    .optSink("timeline-maps", result -> {
                        throw new UncheckedIOException(new IOException("cannot write example maps of epoch "
                                + result.epoch() + " to runs/demo/timeline-maps: No space left on device"));
                    })
                    .build();
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                monitor.onEpoch(trainer);
                monitor.onEpoch(trainer);
            } finally {
                System.setErr(original);
            }

            String log = captured.toString(StandardCharsets.UTF_8);
            List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, lines.size(), "one line for both failures, the trace only at debug level: " + log);
            assertTrue(lines.get(0).contains("WARN"), log);
            assertTrue(lines.get(0).contains("sink 'timeline-maps' failed at epoch 1: cannot write example maps of "
                    + "epoch 1 to runs/demo/timeline-maps: No space left on device"), log);
            assertFalse(log.contains("java."), "no Java type names: " + log);
            assertEquals(2, monitor.statistics().sinkFailures("timeline-maps"));
        }

        @Test
        void aSinkThrowingAnAssertionErrorDoesNotStopTraining() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(MonitorFixtures.validation(8, 5))
                    .setNetwork(network)
                    .optTechniques(Technique.GRAD_CAM)
                    .optSink("strict", result -> {
                        throw new AssertionError("expected 3 classes");
                    })
                    .optSink(results::add)
                    .build();

            monitor.onEpoch(trainer);
            monitor.onEpoch(trainer);

            assertEquals(2, results.size());
            assertEquals(2, monitor.statistics().sinkFailures("strict"));
        }

        @Test
        void aCheckpointFromAnotherThreadDuringTrainingIsRefusedWithTheWayOut() throws Exception {
            CScoreMonitor monitor = monitor(new ArrayList<>()).optTechniques(Technique.GRAD_CAM).build();
            monitor.onTrainingBegin(trainer);
            List<Throwable> thrown = new ArrayList<>();

            Thread other = new Thread(() -> {
                try {
                    monitor.checkpoint(trainer);
                } catch (IllegalStateException e) {
                    thrown.add(e);
                }
            });
            other.start();
            other.join();

            assertEquals(1, thrown.size());
            assertTrue(thrown.get(0).getMessage().contains("requestCheckpoint()"), thrown.get(0).getMessage());
            assertEquals(0, monitor.statistics().checkpoints());
        }

        @Test
        void aRequestedCheckpointIsScoredAtTheEndOfTheEpochOnTheTrainingThread() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optTechniques(Technique.GRAD_CAM).optCheckpointOnSaveOnly().build();
            monitor.onTrainingBegin(trainer);

            Thread other = new Thread(monitor::requestCheckpoint);
            other.start();
            other.join();
            monitor.onEpoch(trainer);
            monitor.onEpoch(trainer);

            assertEquals(List.of(1), results.stream().map(CheckpointResult::epoch).toList());
        }

        @Test
        void aRequestedStopEndsTheEpochWithTheDocumentedException() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optTechniques(Technique.GRAD_CAM).build();
            monitor.onEpoch(trainer);

            monitor.requestStop("C-Score collapsed");
            TrainingStoppedException stop = assertThrows(TrainingStoppedException.class, () -> monitor.onEpoch(trainer));

            assertEquals(2, stop.epoch());
            assertEquals(List.of(1, 2), results.stream().map(CheckpointResult::epoch).toList(),
                    "the epoch's checkpoint is scored before training stops");
            assertTrue(stop.getMessage().endsWith("C-Score collapsed"), stop.getMessage());
        }

        @Test
        void infersTheTransferPhaseWhileTheBackboneIsFrozen() {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optTechniques(Technique.GRAD_CAM).build();

            network.freezeBackbone(true);
            monitor.onEpoch(trainer);
            network.freezeBackbone(false);
            monitor.onEpoch(trainer);

            assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), results.stream().map(CheckpointResult::phase).toList());
        }
    }

    /** Real training with faults injected: training always finishes. */
    @Nested
    class DuringRealTraining {

        private void train(CScoreMonitor monitor, int epochs) throws IOException, TranslateException {
            try (Model model = Model.newInstance("monitored")) {
                model.setBlock(network.block());
                ArrayDataset data = MonitorFixtures.training(manager, 32, 9, 8);
                try (Trainer trainer = MonitorFixtures.trainer(model, monitor)) {
                    EasyTrain.fit(trainer, epochs, data, null);
                }
            }
        }

        /**
         * DJL calls the save listener before the monitor here (it was added first), so the
         * monitor's own epoch count lags behind; the results still carry the saved epochs.
         */
        @Test
        void scoresEachSaveOfSaveModelTrainingListenerWithTheSavedEpoch(@TempDir Path folder) throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optCheckpointOnSaveOnly().build();
            SaveModelTrainingListener saver = new SaveModelTrainingListener(folder.toString(), "saved", 2);
            saver.setSaveModelCallback(monitor.saveModelCallback());

            try (Model model = Model.newInstance("monitored")) {
                model.setBlock(network.block());
                ArrayDataset data = MonitorFixtures.training(manager, 32, 9, 8);
                try (Trainer trainer = MonitorFixtures.trainer(model, saver, monitor)) {
                    EasyTrain.fit(trainer, 5, data, null);
                }
            }

            assertEquals(List.of(2, 4, 5), results.stream().map(CheckpointResult::epoch).toList(),
                    "every second epoch and the end of training, as the listener saves");
            assertTrue(results.stream().allMatch(CheckpointResult::isScored));
            assertTrue(Files.exists(folder.resolve("saved-0004.params")), "the model was saved too");
        }

        @Test
        void throwingTechniqueIsSkippedAndTrainingFinishes() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results)
                    .optImplementation(new Throwing(Technique.GRAD_CAM))
                    .build();

            train(monitor, 3);

            assertEquals(3, results.size(), "every epoch was checkpointed");
            assertEquals(
                    List.of(SkipReason.ERROR, SkipReason.ERROR, SkipReason.CIRCUIT_OPEN),
                    results.stream().map(r -> r.technique(Technique.GRAD_CAM).skipReason()).toList(),
                    "the breaker opens after two failures in a row");
            assertTrue(results.stream().allMatch(r -> r.technique(Technique.LAYER_CAM).isScored()),
                    "the other techniques still report");
            assertEquals(2, monitor.statistics().skips(SkipReason.ERROR));
            assertEquals(1, monitor.statistics().skips(SkipReason.CIRCUIT_OPEN));
        }

        @Test
        void techniqueOverItsBudgetIsSkippedAsATimeout() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results)
                    .optTechniques(Technique.GRAD_CAM, Technique.EIGEN_CAM)
                    .optImplementation(new Slow(Technique.EIGEN_CAM, 400))
                    .optTimeBudget(Duration.ofMillis(300))
                    .build();

            train(monitor, 1);

            TechniqueResult eigen = results.get(0).technique(Technique.EIGEN_CAM);
            assertEquals(SkipReason.TIMEOUT, eigen.skipReason());
            assertTrue(eigen.detail().contains("exceeded its timeout of 300 ms"), eigen.detail());
            assertTrue(results.get(0).technique(Technique.GRAD_CAM).isScored());
            assertEquals(1, monitor.statistics().skips(SkipReason.TIMEOUT));
        }

        @Test
        void nanLogitsMakeADegenerateCheckpointAndTrainingFinishes() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).build();
            try (Model model = Model.newInstance("diverged")) {
                model.setBlock(network.block());
                ArrayDataset data = MonitorFixtures.training(manager, 16, 9, 8);
                try (Trainer trainer = MonitorFixtures.trainer(model, monitor)) {
                    // The classifier's weights become NaN, as after a divergent update.
                    network.head().getParameters().get("03linear_weight").getArray().muli(Float.NaN);
                    EasyTrain.fit(trainer, 2, data, null);
                }
            }

            assertEquals(2, results.size());
            assertTrue(results.stream().allMatch(r -> r.skipReason() == SkipReason.DEGENERATE));
            assertTrue(results.get(0).detail().startsWith("non-finite logits"), results.get(0).detail());
            assertTrue(Double.isNaN(results.get(0).macroAuc()));
            assertEquals(2, monitor.statistics().skips(SkipReason.DEGENERATE));
        }

        /** The example of docs/monitor.md, "Phases": a trainer (and an Adam) per phase, one monitor. */
        @Test
        void oneMonitorAcrossATrainerPerPhaseCountsEpochsOnAndInfersThePhases() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            CScoreMonitor monitor = monitor(results).optTechniques(Technique.GRAD_CAM).build();
            ArrayDataset train = MonitorFixtures.training(manager, 32, 9, 8);
            int transferEpochs = 1;
            int finetuneEpochs = 2;

            try (Model model = Model.newInstance("phases")) {
                model.setBlock(network.block());
                // snippet: monitor-phases
                network.initialize(model.getNDManager());
                network.freezeBackbone(true);
                try (Trainer trainer = model.newTrainer(configWith(monitor))) {   // a new Adam
                    Training.fit(trainer, transferEpochs, train, null);           // not EasyTrain.fit: see below
                }
                network.freezeBackbone(false);
                try (Trainer trainer = model.newTrainer(configWith(monitor))) {   // another new Adam
                    Training.fit(trainer, finetuneEpochs, train, null);
                }
                // end-snippet
            }

            assertEquals(List.of(1, 2, 3), results.stream().map(CheckpointResult::epoch).toList());
            assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                    results.stream().map(CheckpointResult::phase).toList());
        }

        private DefaultTrainingConfig configWith(CScoreMonitor monitor) {
            return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().build())
                    .addTrainingListeners(monitor);
        }

        @Test
        void trainingWithAndWithoutTheMonitorEndsWithBitwiseIdenticalParameters() throws Exception {
            Map<String, float[]> without = trainedParameters(false);

            Map<String, float[]> with = trainedParameters(true);

            assertEquals(without.keySet(), with.keySet());
            without.forEach((name, values) -> assertArrayEquals(values, with.get(name), name));
        }

        /** Four epochs with batch norm, dropout and a shuffling sampler, all seeded. */
        private Map<String, float[]> trainedParameters(boolean monitored) throws Exception {
            try (NDManager run = NDManager.newBaseManager();
                    Model model = Model.newInstance("observer")) {
                Network fresh = TestNetworks.smallCnn(run, MonitorFixtures.SIZE, 2, 11);
                model.setBlock(fresh.block());
                List<CheckpointResult> results = new ArrayList<>();
                CScoreMonitor monitor = CScoreMonitor.builder()
                        .setValidationData(MonitorFixtures.validation(24, 5))
                        .setNetwork(fresh)
                        .optTechniques(Technique.builtIns().toArray(Technique[]::new))
                        .optSink(results::add)
                        .build();
                Engine.getInstance().setRandomSeed(12);
                ArrayDataset data = MonitorFixtures.training(run, 32, 13, 8);
                try (Trainer trainer = monitored ? MonitorFixtures.trainer(model, monitor) : MonitorFixtures.trainer(model)) {
                    EasyTrain.fit(trainer, 4, data, null);
                }
                assertEquals(monitored ? 4 : 0, results.size(), "the monitor scored every epoch");
                Map<String, float[]> values = new LinkedHashMap<>();
                for (Pair<String, Parameter> parameter : fresh.block().getParameters()) {
                    values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
                }
                return values;
            }
        }
    }

    /** A technique that always fails. */
    private record Throwing(Technique technique) implements CamTechnique {
        @Override
        public List<NDArray> rawMaps(CamContext context) {
            throw new IllegalStateException("injected failure");
        }
    }

    /** A technique that takes longer than its budget, then returns zero maps. */
    private record Slow(Technique technique, long millis) implements CamTechnique {
        @Override
        public List<NDArray> rawMaps(CamContext context) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(context.primary().activations().sum(new int[] {1}).mul(0));
        }
    }
}
