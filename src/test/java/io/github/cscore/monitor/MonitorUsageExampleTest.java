package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The usage example of docs/monitor.md, run as written (with a small data set and 2 epochs). */
class MonitorUsageExampleTest {

    @Test
    void theDocumentedUsageTrainsAndWritesTheTimeline(@TempDir Path folder) throws Exception {
        ChestPhantoms.builder().optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 30).build()
                .writeTo(folder.resolve("chest_xray"));
        KermanyDataset train = KermanyDataset.builder()
                .setRoot(folder.resolve("chest_xray")).optImageSize(64).setSampling(16, true).build();
        List<CheckpointResult> logged = new ArrayList<>();

        // --- as in docs/monitor.md ---
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        KermanyDataset validation = KermanyDataset.builder()
                .setRoot(folder.resolve("chest_xray")).optSplit(KermanySubset.VALIDATION)
                .optImageSize(64).setSampling(32, false).build();

        try (TimelineWriter timeline = TimelineWriter.create(folder.resolve("runs/r1/timeline.jsonl"));
                CScoreMonitor monitor = CScoreMonitor.builder()
                        .setValidationData(validation)
                        .setNetwork(network)
                        .optCheckpointEvery(1)
                        .optRunName("r1")
                        .optSink(timeline)
                        .optSink(logged::add)
                        .build()) {
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(monitor);
            try (Model model = Model.newInstance("r1")) {
                model.setBlock(network.block());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1).addAll(network.inputShape()));
                    EasyTrain.fit(trainer, 2, train, null);
                }
            }
        }
        // --- end of the example ---

        List<CheckpointResult> written = Timeline.read(folder.resolve("runs/r1/timeline.jsonl")).checkpoints();
        assertEquals(2, logged.size());
        assertEquals(List.of(1, 2), written.stream().map(CheckpointResult::epoch).toList());
        assertEquals("r1", written.get(1).run());
        assertEquals(logged.get(1).macroAuc(), written.get(1).macroAuc(), 1e-12);
        assertEquals(6, written.get(1).sampleSize(), "3 validation phantoms per class (0.1 of 30)");
    }
}
