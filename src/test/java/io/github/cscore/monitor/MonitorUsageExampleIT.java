package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;

import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage examples of docs/monitor.md and README.md, run as written (with a small data set and
 * a few epochs); DocSnippetsTest checks that the pages show this code.
 */
class MonitorUsageExampleIT {

    /** Writes 30 training phantoms per class (and the default validation and test ones) at 64 x 64. */
    private static KermanyDataset training(Path chestXray) throws IOException {
        ChestPhantoms.builder().optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 30).build()
                .writeTo(chestXray);
        return KermanyDataset.builder()
                .setRoot(chestXray).optImageSize(64).setSampling(16, true).build();
    }

    @Test
    void theDocumentedUsageTrainsAndWritesTheTimeline(@TempDir Path folder) throws Exception {
        Path chestXray = folder.resolve("chest_xray");
        Path runFolder = folder.resolve("runs/r1");
        KermanyDataset train = training(chestXray);
        List<CheckpointResult> logged = new ArrayList<>();
        int epochs = 2;

        // snippet: monitor-usage
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        KermanyDataset validation = KermanyDataset.builder()
                .setRoot(chestXray).optSubset(KermanySubset.VALIDATION)
                .optImageSize(64).setSampling(32, false).build();

        TimelineWriter timeline = TimelineWriter.create(runFolder.resolve("timeline.jsonl"));
        try (CScoreMonitor monitor = CScoreMonitor.builder()
                .setValidationData(validation)            // required
                .setNetwork(network)                      // required (or setBlock(block, taps))
                .optCheckpointEvery(1)                    // default 1
                .optRunName("r1")                         // default "run"
                .optSink(timeline)                        // JSON Lines (docs/timeline.md), closed with the monitor
                .optSink(logged::add)                     // any Consumer<CheckpointResult>
                .build()) {
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(monitor);
            try (Model model = Model.newInstance("r1")) {
                model.setBlock(network.block());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1).addAll(network.inputShape()));
                    EasyTrain.fit(trainer, epochs, train, null);
                }
            }
        }
        // end-snippet

        List<CheckpointResult> written = Timeline.read(runFolder.resolve("timeline.jsonl")).checkpoints();
        assertEquals(2, logged.size());
        assertEquals(List.of(1, 2), written.stream().map(CheckpointResult::epoch).toList());
        assertEquals("r1", written.get(1).run());
        assertEquals(logged.get(1).macroAuc(), written.get(1).macroAuc(), 1e-12);
        assertEquals(6, written.get(1).sampleSize(), "3 validation phantoms per class (0.1 of 30)");
    }

    @Test
    void theReadmeExampleScoresEverySecondEpochIntoTheTimeline(@TempDir Path folder) throws Exception {
        Path chestXray = folder.resolve("chest_xray");
        Path runFolder = folder.resolve("runs/r1");
        training(chestXray);
        RandomAccessDataset validation = KermanyDataset.builder()
                .setRoot(chestXray).optSubset(KermanySubset.VALIDATION).optImageSize(64).setSampling(32, false).build();
        List<String> classNames = List.of("NORMAL", "PNEUMONIA");
        // What it trains on does not matter here: the six validation images keep the test short.
        KermanyDataset train = KermanyDataset.builder()
                .setRoot(chestXray).optSubset(KermanySubset.VALIDATION).optImageSize(64).setSampling(6, true).build();

        // snippet: readme-attach-monitor
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        CScoreMonitor monitor = CScoreMonitor.builder()
                .setValidationData(validation, classNames)        // any DJL dataset of (image, class index)
                .setNetwork(network)                              // the block and its CAM taps
                .optCheckpointEvery(2)                            // default 1
                .optSink(TimelineWriter.create(runFolder.resolve("timeline.jsonl")))
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addTrainingListeners(monitor);
        // end-snippet
        try (monitor; Model model = Model.newInstance("r1")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1).addAll(network.inputShape()));
                EasyTrain.fit(trainer, 2, train, null);
            }
        }

        List<CheckpointResult> written = Timeline.read(runFolder.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(2), written.stream().map(CheckpointResult::epoch).toList(), "epoch 1 is skipped");
        assertEquals(List.of("NORMAL", "PNEUMONIA"), written.get(0).classNames());
        assertEquals(6, written.get(0).sampleSize(), "3 validation phantoms per class (0.1 of 30)");
    }
}
