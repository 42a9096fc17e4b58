package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.util.Pair;

import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The background evaluator scores the parameters of each epoch on its own thread, as the live monitor would. */
class BackgroundEvaluatorTest {

    /** Score-CAM on 16 channels chosen by activation variance: no backward pass, and cheap. */
    private static final ScoreCamConfig SCORE_CAM = new ScoreCamConfig(32, 16, ChannelSelection.ACTIVATION_VARIANCE);

    @Test
    void scoresEveryEpochAsTheLiveMonitorDoesAcrossBothPhases() throws Exception {
        List<CheckpointResult> live = Collections.synchronizedList(new ArrayList<>());
        List<CheckpointResult> background = Collections.synchronizedList(new ArrayList<>());

        BackgroundEvaluator.Statistics statistics = train(live, background);

        assertEquals(List.of(1, 2, 3), background.stream().map(CheckpointResult::epoch).toList());
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                background.stream().map(CheckpointResult::phase).toList());
        assertEquals(live.stream().map(CheckpointResult::step).toList(),
                background.stream().map(CheckpointResult::step).toList());
        assertEquals(live.stream().map(EvaluateFixtures::withoutTimes).toList(),
                background.stream().map(EvaluateFixtures::withoutTimes).toList());
        assertTrue(background.stream().flatMap(r -> r.techniques().values().stream())
                .flatMap(t -> t.classes().stream()).anyMatch(score -> !Double.isNaN(score.score())),
                "some C-Score must be defined, or the comparison would only compare undefined scores");
        assertEquals(new BackgroundEvaluator.Statistics(3, 3, 0, 0, 0, statistics.copySeconds(),
                statistics.scoringSeconds(), statistics.meanLagSeconds(), statistics.longestLagSeconds()), statistics);
    }

    @Test
    void trainingEndsWithTheSameParametersWithOrWithoutIt() throws Exception {
        List<float[]> without = parametersAfter(false);
        List<float[]> with = parametersAfter(true);

        assertEquals(without.size(), with.size());
        for (int i = 0; i < with.size(); i++) {
            assertArrayEquals(without.get(i), with.get(i), "parameter " + i);
        }
    }

    @Test
    void whenTrainingOutpacesItTheOldestWaitingCopyIsDroppedAndTheLastEpochIsScored() throws Exception {
        Network network = EvaluateFixtures.network();
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            Trainer trainer = mock(Trainer.class);
            when(trainer.getModel()).thenReturn(model);
            CountDownLatch firstEntered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> scored = Collections.synchronizedList(new ArrayList<>());
            BackgroundEvaluator evaluator = builder(manifest()).optSink("gate", result -> {
                scored.add(result.epoch());
                firstEntered.countDown();
                await(release);
            }).build();

            evaluator.onEpoch(trainer);
            assertTrue(firstEntered.await(2, TimeUnit.MINUTES), "the worker never scored the first copy");
            evaluator.onEpoch(trainer);
            evaluator.onEpoch(trainer);
            evaluator.onEpoch(trainer);
            BackgroundEvaluator.Statistics queued = evaluator.statistics();
            release.countDown();
            evaluator.close();

            assertEquals(List.of(1, 4), scored);
            assertEquals(1, queued.waiting());
            BackgroundEvaluator.Statistics done = evaluator.statistics();
            assertEquals(List.of(4, 2, 2, 0, 0), List.of(done.taken(), done.scored(), done.dropped(), done.failed(),
                    done.waiting()));
        }
    }

    @Test
    void aCopyThatFailsIsCountedAndNothingIsThrownIntoTraining() {
        Trainer broken = mock(Trainer.class);
        when(broken.getModel()).thenThrow(new IllegalStateException("no model"));
        BackgroundEvaluator evaluator = builder(manifest()).build();

        assertDoesNotThrow(() -> evaluator.onEpoch(broken));
        assertDoesNotThrow(() -> evaluator.onEpoch(broken));
        evaluator.close();

        assertEquals(List.of(0, 0, 2), List.of(evaluator.statistics().taken(), evaluator.statistics().scored(),
                evaluator.statistics().failed()));
    }

    @Test
    void refusesATechniqueThatNeedsABackwardPass() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BackgroundEvaluator.builder().optTechniques(Technique.SCORE_CAM, Technique.GRAD_CAM));

        assertEquals("the background evaluator runs only techniques without a backward pass (eigencam, scorecam), "
                + "but gradcam needs one: DJL's PyTorch engine allows one gradient collector per process, and "
                + "training holds it", error.getMessage());
    }

    @Test
    void refusesAScoreCamThatChoosesChannelsByGradient() {
        BackgroundEvaluatorBuilder builder = builder(manifest()).optScoreCam(ScoreCamConfig.topK(16,
                ChannelSelection.GRADIENT_CONTRIBUTION));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().contains("scorecam with a top-K by gradient contribution needs one"),
                error.getMessage());
    }

    @Test
    void theWorkersEngineThreadsLeaveTrainingsAndLaterThreadsAsTheyWere() throws Exception {
        Engine.getInstance();
        int training = JniUtils.getNumThreads();
        int[] seen = new int[2];

        Thread worker = new Thread(() -> {
            BackgroundEvaluator.useEngineThreads(training + 1);
            seen[0] = JniUtils.getNumThreads();
        });
        worker.start();
        worker.join();
        Thread later = new Thread(() -> seen[1] = JniUtils.getNumThreads());
        later.start();
        later.join();

        assertEquals(training + 1, seen[0], "the worker's own count");
        assertEquals(training, JniUtils.getNumThreads(), "the training thread's count");
        assertEquals(training, seen[1], "a thread created afterwards");
    }

    @Test
    void refusesANegativeEngineThreadCount() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BackgroundEvaluator.builder().optEngineThreads(-1));

        assertEquals("engineThreads must be at least 1, or 0 for the engine's, but was -1", error.getMessage());
    }

    @Test
    void refusesValidationDataOfOtherClasses() {
        BackgroundEvaluatorBuilder builder = BackgroundEvaluator.builder().setManifest(new SnapshotManifest(
                Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, List.of("cat", "dog"), "tiny", "bg", "tiny",
                SidecarEvaluatorTest.SCORING, Map.of())).setValidationData(EvaluateFixtures.validation(12, 3));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertEquals("the validation data has classes [lower, upper] but the manifest's network was trained on "
                + "[cat, dog]", error.getMessage());
    }

    private static SnapshotManifest manifest() {
        return new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, EvaluateFixtures.CLASSES,
                "tiny", "bg", "tiny", SidecarEvaluatorTest.SCORING, Map.of());
    }

    private static BackgroundEvaluatorBuilder builder(SnapshotManifest manifest) {
        return BackgroundEvaluator.builder()
                .setManifest(manifest)
                .setValidationData(EvaluateFixtures.validation(12, 3))
                .optScoreCam(SCORE_CAM);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The parameters after one transfer and one fine-tuning epoch, trained with or without the evaluator. */
    private static List<float[]> parametersAfter(boolean withBackground) throws Exception {
        Engine.getInstance().setRandomSeed(3);
        Network network = EvaluateFixtures.network();
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("tiny")) {
            ArrayDataset train = EvaluateFixtures.training(manager, 64, 11);
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            BackgroundEvaluator background = withBackground ? builder(manifest()).build() : null;
            TrainingListener[] listeners = background == null ? new TrainingListener[0]
                    : new TrainingListener[] {background};
            network.freezeBackbone(true);
            try (Trainer trainer = EvaluateFixtures.trainer(model, listeners)) {
                Training.fit(trainer, 1, train, null);
            }
            network.freezeBackbone(false);
            try (Trainer trainer = EvaluateFixtures.trainer(model, listeners)) {
                Training.fit(trainer, 1, train, null);
            }
            if (background != null) {
                background.close();
            }
            List<float[]> values = new ArrayList<>();
            for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                values.add(parameter.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }

    /**
     * Trains one transfer and two fine-tuning epochs with a live monitor scoring Score-CAM at every
     * epoch and the background evaluator scoring the same technique on its copies.
     */
    private static BackgroundEvaluator.Statistics train(List<CheckpointResult> live, List<CheckpointResult> background)
            throws Exception {
        Engine.getInstance().setRandomSeed(3);
        Network network = EvaluateFixtures.network();
        try (NDManager manager = NDManager.newBaseManager();
                CScoreMonitor monitor = CScoreMonitor.builder()
                        .setValidationData(EvaluateFixtures.validation(32, 5))
                        .setNetwork(network)
                        .optTechniques(Technique.SCORE_CAM)
                        .optImplementation(new ScoreCam(SCORE_CAM))
                        .optSamplePerClass(10)
                        .optMonitorShare(1)
                        .optBatchSize(8)
                        .optSeed(7)
                        .optCScore(CScoreConfig.builder().optGoldThreshold(0.6f).build())
                        .optRunName("live")
                        .optSink("results", live::add)
                        .build();
                Model model = Model.newInstance("tiny")) {
            ArrayDataset train = EvaluateFixtures.training(manager, 64, 11);
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            NetworkConfig config = EvaluateFixtures.CONFIG;
            LabeledDataset validation = EvaluateFixtures.validation(32, 5);
            // snippet: evaluate-background
            BackgroundEvaluator evaluator = BackgroundEvaluator.builder()
                    .setManifest(SnapshotManifest.of(Architecture.RESNET50_V2, config, monitor)) // the network
                    .setValidationData(validation)                         // the live monitor's images
                    .optSink("results", background::add)                   // or a TimelineWriter of its own
                    .build();                                              // Score-CAM by default
            try (evaluator) {                                              // close() waits for the queue
                network.freezeBackbone(true);
                try (Trainer trainer = EvaluateFixtures.trainer(model, monitor, evaluator)) {
                    Training.fit(trainer, 1, train, null);
                }
                network.freezeBackbone(false);
                try (Trainer trainer = EvaluateFixtures.trainer(model, monitor, evaluator)) {
                    Training.fit(trainer, 2, train, null);
                }
            }
            BackgroundEvaluator.Statistics statistics = evaluator.statistics();  // scored, dropped, lag
            // end-snippet
            return statistics;
        }
    }
}
