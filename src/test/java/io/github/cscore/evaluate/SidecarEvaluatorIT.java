package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;

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
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * The sidecar evaluator's promise: scoring the saved snapshots after training gives the live
 * monitor's numbers, exactly.
 */
class SidecarEvaluatorIT {

    @Test
    void savedSnapshotsScoreExactlyAsTheLiveMonitorDidAcrossBothPhases(@TempDir Path folder) throws Exception {
        Path snapshots = folder.resolve("snapshots");
        Path liveTimeline = folder.resolve("live.jsonl");
        Path sidecarTimeline = folder.resolve("sidecar.jsonl");

        train(snapshots, liveTimeline, 1, 2);
        LabeledDataset validation = EvaluateFixtures.validation(32, 5);
        // snippet: evaluate-sidecar
        try (SidecarEvaluator evaluator = SidecarEvaluator.builder()
                .setSnapshotDirectory(snapshots)                // required: the saver's folder
                .setValidationData(validation)                  // required: the live monitor's images
                .optSink("timeline", TimelineWriter.create(sidecarTimeline))
                .build()) {
            evaluator.run();                                    // every snapshot, in epoch order
        }
        // end-snippet

        List<CheckpointResult> live = Timeline.read(liveTimeline).checkpoints();
        List<CheckpointResult> sidecar = Timeline.read(sidecarTimeline).checkpoints();
        assertEquals(List.of(1, 2, 3), sidecar.stream().map(CheckpointResult::epoch).toList());
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                sidecar.stream().map(CheckpointResult::phase).toList());
        assertEquals(live.stream().map(EvaluateFixtures::withoutTimes).toList(),
                sidecar.stream().map(EvaluateFixtures::withoutTimes).toList());
        assertEquals(6, sidecar.get(0).techniques().size());
        assertTrue(live.stream().flatMap(r -> r.techniques().values().stream())
                .flatMap(t -> t.classes().stream()).anyMatch(score -> !Double.isNaN(score.score())),
                "some C-Score must be defined, or the comparison would only compare undefined scores");
    }

    /** Trains with the live monitor (writing a timeline) and the saver, a trainer per phase. */
    static void train(Path snapshots, Path timeline, int transferEpochs, int finetuneEpochs) throws Exception {
        Engine.getInstance().setRandomSeed(3);
        Network network = EvaluateFixtures.network();
        NetworkConfig config = EvaluateFixtures.CONFIG;
        try (NDManager manager = NDManager.newBaseManager();
                CScoreMonitor monitor = CScoreMonitor.builder()
                        .setValidationData(EvaluateFixtures.validation(32, 5))
                        .setNetwork(network)
                        .optTechniques(Technique.builtIns().toArray(Technique[]::new))             // all six, Score-CAM on 16 channels
                        .optImplementation(new ScoreCam(new ScoreCamConfig(32, 16)))
                        .optSamplePerClass(10)
                        .optMonitorShare(1)   // every technique at every checkpoint, as the evaluator scores
                        .optBatchSize(8)
                        .optSeed(7)
                        .optCScore(CScoreConfig.builder().optGoldThreshold(0.6f).build())
                        .optRunName("live")
                        .optSink("timeline", TimelineWriter.create(timeline))
                        .build();
                Model model = Model.newInstance("tiny")) {
            ArrayDataset train = EvaluateFixtures.training(manager, 64, 11);
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            // snippet: evaluate-saver
            SnapshotManifest manifest = SnapshotManifest.of(Architecture.RESNET50_V2, config, monitor);
            try (SnapshotSaver saver = SnapshotSaver.create(snapshots, manifest)) { // writes the manifest
                network.freezeBackbone(true);
                try (Trainer trainer = trainer(model, monitor, saver)) {   // a trainer per phase,
                    Training.fit(trainer, transferEpochs, train, null);     // the same saver in both
                }
                network.freezeBackbone(false);
                try (Trainer trainer = trainer(model, monitor, saver)) {
                    Training.fit(trainer, finetuneEpochs, train, null);
                }
            }                                                               // close(): the done marker
            // end-snippet
        }
    }

    private static Trainer trainer(Model model, TrainingListener... listeners) {
        return EvaluateFixtures.trainer(model, listeners);
    }
}
