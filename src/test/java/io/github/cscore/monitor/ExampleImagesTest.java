package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;

import io.github.cscore.cam.CamContext;
import io.github.cscore.cam.CamTechnique;
import io.github.cscore.engine.EngineCheckResult;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

@ExtendWith(EngineManagerExtension.class)
class ExampleImagesTest {

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
                // Every technique at every checkpoint: this test is about which images, not the budget.
                .optMonitorShare(1)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optSink(results::add);
    }

    private void train(CScoreMonitor monitor, int epochs) throws Exception {
        try (Model model = Model.newInstance("monitored")) {
            model.setBlock(network.block());
            ArrayDataset data = MonitorFixtures.training(manager, 32, 9, 8);
            try (Trainer trainer = MonitorFixtures.trainer(model, monitor)) {
                EasyTrain.fit(trainer, epochs, data, null);
            }
        }
    }

    @Test
    void theSameImagesAreExplainedAtEveryCheckpointByEveryScoredTechnique() throws Exception {
        List<CheckpointResult> results = new ArrayList<>();
        List<ExampleMaps> examples = new ArrayList<>();
        CScoreMonitor monitor = monitor(results).optExampleImages(2, examples::add).build();

        train(monitor, 2);

        assertEquals(List.of(1, 2), examples.stream().map(ExampleMaps::epoch).toList());
        List<String> ids = examples.get(0).images().stream().map(ExampleImage::id).toList();
        assertEquals(4, ids.size(), "2 images of each of 2 classes");
        assertEquals(List.of(0, 0, 1, 1), examples.get(0).images().stream().map(ExampleImage::classIndex).toList());
        assertEquals(ids, examples.get(1).images().stream().map(ExampleImage::id).toList(), "fixed across epochs");
        assertEquals(ids, monitor.exampleImages().stream().map(ExampleImage::id).toList());
        // The time budget may leave a technique out of the first checkpoint; the last has them all.
        assertEquals(CScoreMonitorBuilder.DEFAULT_TECHNIQUES, List.copyOf(examples.get(1).maps().keySet()));
        for (int i = 0; i < examples.size(); i++) {
            ExampleMaps checkpoint = examples.get(i);
            assertEquals(MonitorFixtures.SIZE * MonitorFixtures.SIZE, checkpoint.images().get(0).grayscale().length);
            assertEquals(results.get(i).techniques().values().stream().filter(TechniqueResult::isScored)
                    .map(TechniqueResult::technique).toList(), List.copyOf(checkpoint.maps().keySet()));
            for (List<float[]> maps : checkpoint.maps().values()) {
                assertEquals(4, maps.size());
                for (float[] map : maps) {
                    assertEquals(MonitorFixtures.SIZE * MonitorFixtures.SIZE, map.length);
                    for (float value : map) {
                        assertTrue(value >= 0f && value <= 1f, "map values in [0, 1], but was " + value);
                    }
                }
            }
        }
        assertTrue(examples.get(0).maps().get(Technique.GRAD_CAM).stream().anyMatch(map -> max(map) == 1f),
                "at least one GradCAM map has spatial evidence (min-max gives a maximum of 1)");
    }

    @Test
    void anExampleSinkThatThrowsIsCountedAndTrainingAndTheOtherSinksGoOn() throws Exception {
        List<CheckpointResult> results = new ArrayList<>();
        Consumer<ExampleMaps> failing = maps -> {
            throw new IllegalStateException("disk full");
        };
        CScoreMonitor monitor = monitor(results).optExampleImages(1, failing).build();

        train(monitor, 3);

        assertEquals(3, results.size());
        assertEquals(3, monitor.statistics().sinkFailures("example-maps"));
        assertTrue(monitor.statistics().sinkNames().contains("example-maps"));
    }

    @Test
    void aTechniqueSkippedAtTheCheckpointGetsNoExampleMaps() throws Exception {
        List<ExampleMaps> examples = new ArrayList<>();
        CScoreMonitor monitor = monitor(new ArrayList<>())
                .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM)
                .optImplementation(new Failing(Technique.GRAD_CAM))
                .optExampleImages(1, examples::add)
                .build();

        train(monitor, 1);

        assertEquals(List.of(Technique.LAYER_CAM), List.copyOf(examples.get(0).maps().keySet()),
                "the failing technique is not run again for the examples");
        assertEquals(0, monitor.statistics().sinkFailures("example-maps"));
    }

    @Test
    void whereTheEngineIsRefusedTheSinkGetsTheImagesAndNoMaps() {
        List<ExampleMaps> examples = new ArrayList<>();
        CScoreMonitor monitor = monitor(new ArrayList<>())
                .optEngineCheck(new EngineCheckResult(false, false, 4.95, "conv: forward", 12))
                .optExampleImages(1, examples::add)
                .build();
        Trainer trainer = MonitorFixtures.mockedTrainer(network.block(), manager);

        monitor.onEpoch(trainer);

        assertEquals(1, examples.size());
        assertEquals(Map.of(), examples.get(0).maps());
        assertEquals(2, examples.get(0).images().size(), "the images are still named");
    }

    /** A technique whose every call fails. */
    private record Failing(Technique technique) implements CamTechnique {
        @Override
        public List<NDArray> rawMaps(CamContext context) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    void examplesAreOffByDefault() {
        CScoreMonitor monitor = monitor(new ArrayList<>()).build();

        assertEquals(List.of(), monitor.exampleImages());
        assertTrue(!monitor.statistics().sinkNames().contains("example-maps"));
    }

    @Test
    void rejectsZeroExampleImagesPerClass() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> monitor(new ArrayList<>()).optExampleImages(0, maps -> {}));

        assertTrue(error.getMessage().contains("examplesPerClass"), error.getMessage());
    }

    @Test
    void grayscaleIsTheChannelMeanStretchedToTheUnitRange() {
        float[] input = {0, 2, 4, 6, /* second channel */ 2, 4, 6, 8};

        float[] gray = ExampleImage.grayscaleOf(input, 2, 2);

        // channel means 1, 3, 5, 7 -> (v - 1) / 6
        assertEquals(List.of(0f, 1f / 3, 2f / 3, 1f), List.of(gray[0], gray[1], gray[2], gray[3]));
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
