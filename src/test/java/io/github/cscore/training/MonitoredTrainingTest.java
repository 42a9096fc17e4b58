package io.github.cscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.ImageArrays;
import io.github.cscore.testing.TestNetworks;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

@ExtendWith(EngineManagerExtension.class)
class MonitoredTrainingTest {

    @Test
    void sideMonitorsScoreTheSameCheckpointsWithTheirOwnSettings(@TempDir Path folder, NDManager manager)
            throws Exception {
        Path side = folder.resolve("side.jsonl");

        try (TimelineWriter sideTimeline = TimelineWriter.create(side);
                MonitoredTraining training = small(manager, folder)
                        .optSideMonitor(CScoreMonitor.builder().optTechniques(Technique.EIGEN_CAM)
                                .optSink("timeline", sideTimeline))
                        .build()) {
            training.run();

            assertEquals(2, training.monitors().size());
        }

        assertEquals(List.of(1, 2, 3), Timeline.read(folder.resolve("timeline.jsonl")).checkpoints().stream()
                .map(CheckpointResult::epoch).toList());
        List<CheckpointResult> sideCheckpoints = Timeline.read(side).checkpoints();
        assertEquals(3, sideCheckpoints.size());
        assertEquals(List.of(Technique.EIGEN_CAM), List.copyOf(sideCheckpoints.get(0).techniques().keySet()));
    }

    @Test
    void aTrainingRunsOnce(@TempDir Path folder, NDManager manager) throws Exception {
        try (MonitoredTraining training = small(manager, folder).build()) {
            training.run();

            IllegalStateException again = assertThrows(IllegalStateException.class, training::run);
            assertEquals("this training has run already; build another", again.getMessage());
        }
    }

    /** A small CNN on random 8x8 images, a transfer epoch and two fine-tuning epochs, its timeline in the folder. */
    private static MonitoredTrainingBuilder small(NDManager manager, Path folder) {
        Random random = new Random(3);
        int count = 16;
        float[][] images = new float[count][3 * 8 * 8];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = (float) random.nextGaussian() + labels[i];
            }
        }
        Shape shape = new Shape(3, 8, 8);
        TrainingData data = new TrainingData(ImageArrays.trainingSet(manager, images, labels, shape, 8),
                LabeledDataset.fromArrays(images, labels, shape, List.of("a", "b")));
        return MonitoredTraining.builder()
                .setNetwork(TestNetworks.smallCnn(manager, 8, 2, 5))
                .setData(data)
                .setPlan(TrainingPlan.transferThenFinetune(1, 2, LearningRateSchedule.constant(0.01f)))
                .optMonitor(CScoreMonitor.builder().optTechniques(Technique.GRAD_CAM).optSamplePerClass(5))
                .optTimeline(folder.resolve("timeline.jsonl"));
    }

    @Nested
    class Refuses {

        @Test
        void aRunWithoutNetworkDataOrPlan() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> MonitoredTraining.builder().build());

            assertEquals("network is required (setNetwork)", error.getMessage());
        }

        @Test
        void exampleImagesWithoutATimeline(NDManager manager, @TempDir Path folder) {
            MonitoredTrainingBuilder builder = MonitoredTraining.builder()
                    .setNetwork(TestNetworks.smallCnn(manager, 8, 2, 5))
                    .setData(() -> {
                        throw new AssertionError("no data is read");
                    })
                    .setPlan(TrainingPlan.transferThenFinetune(1, 1, LearningRateSchedule.constant(0.01f)))
                    .optExampleImages(2);

            IllegalStateException error = assertThrows(IllegalStateException.class, builder::build);

            assertEquals("optExampleImages keeps the maps beside the timeline: set optTimeline", error.getMessage());
        }

        @Test
        void settingsTheMonitorRefusesAndClosesWhatItOpened(NDManager manager, @TempDir Path folder) throws Exception {
            MonitoredTrainingBuilder builder = small(manager, folder)
                    .optMonitor(CScoreMonitor.builder().optSamplePerClass(2));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

            assertTrue(error.getMessage().startsWith("samplePerClass (2) is below the C-Score's minGoldSize (5)"),
                    error.getMessage());
            try (TimelineWriter again = TimelineWriter.create(folder.resolve("timeline.jsonl"))) {
                assertTrue(Files.isRegularFile(again.path()), "the failed build let go of the timeline");
            }
        }
    }
}
