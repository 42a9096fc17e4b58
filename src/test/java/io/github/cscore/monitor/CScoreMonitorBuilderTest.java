package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

@ExtendWith(EngineManagerExtension.class)
class CScoreMonitorBuilderTest {

    private NDManager manager;
    private Network network;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
        network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 1);
    }

    /** Samples of 3 or 4 per class are scorable with gold lists of at least 2. */
    private CScoreMonitorBuilder valid() {
        return CScoreMonitor.builder().setValidationData(MonitorFixtures.validation(20, 1)).setNetwork(network)
                .optCScore(io.github.cscore.score.CScoreConfig.builder().optMinGoldSize(2).build());
    }

    private static String messageOf(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void drawsAStratifiedSampleOfAtMostSamplePerClassImages() {
        CScoreMonitor monitor = valid().optSamplePerClass(4).build();

        assertEquals(8, monitor.sample().size());
        assertEquals(List.of(4, 4), java.util.Arrays.stream(monitor.sample().classSizes()).boxed().toList());
    }

    @Test
    void drawsTheSameSampleForTheSameSeedAndAnotherForAnotherSeed() {
        int[] first = valid().optSamplePerClass(3).optSeed(7).build().sample().datasetIndices();
        int[] again = valid().optSamplePerClass(3).optSeed(7).build().sample().datasetIndices();
        int[] other = valid().optSamplePerClass(3).optSeed(8).build().sample().datasetIndices();

        assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(again));
        assertTrue(!java.util.Arrays.equals(first, other), "seed 8 should draw other images");
    }

    @Test
    void rejectsASampleSmallerThanTheMinimumGoldList() {
        String message = messageOf(() -> CScoreMonitor.builder().setValidationData(MonitorFixtures.validation(20, 1))
                .setNetwork(network).optSamplePerClass(2).build());

        assertEquals("samplePerClass (2) is below the C-Score's minGoldSize (5): no class could ever be scored; "
                + "raise samplePerClass or lower minGoldSize", message);
    }

    @Test
    void rejectsImagesOfAnotherShapeThanTheNetworkTakes() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        float[][] greyscale = new float[6][MonitorFixtures.SIZE * MonitorFixtures.SIZE];
        var wrongSize = LabeledDataset.fromArrays(greyscale, labels,
                new ai.djl.ndarray.types.Shape(1, MonitorFixtures.SIZE, MonitorFixtures.SIZE), List.of("a", "b"));

        String message = messageOf(() -> CScoreMonitor.builder().setValidationData(wrongSize).setNetwork(network)
                .optSamplePerClass(5).build());

        assertTrue(message.startsWith("validation images of shape (1, 16, 16) do not fit the network")
                || message.startsWith("validation images have shape (1, 16, 16) but the network takes (3, 16, 16)"),
                message);
    }

    @Test
    void rejectsValidationDataWithMoreClassesThanTheNetworkOutputs() {
        int[] labels = {0, 1, 2, 0, 1, 2};
        var threeClasses = LabeledDataset.fromArrays(MonitorFixtures.images(6, 1, labels), labels,
                MonitorFixtures.IMAGE, List.of("a", "b", "c"));

        String message = messageOf(() -> CScoreMonitor.builder().setValidationData(threeClasses).setNetwork(network)
                .optSamplePerClass(5).build());

        assertEquals("the network outputs (2) per image but the validation data has 3 classes [a, b, c]; the "
                + "network must output one logit per class", message);
    }

    @Test
    void rejectsAValidationImageWithANanPixelNamingIt() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        float[][] images = MonitorFixtures.images(10, 1, labels);
        images[7][123] = Float.NaN;
        var poisoned = LabeledDataset.fromArrays(images, labels, MonitorFixtures.IMAGE, List.of("a", "b"));

        String message = messageOf(() -> CScoreMonitor.builder().setValidationData(poisoned).setNetwork(network)
                .optSamplePerClass(5).build());

        assertEquals("validation image 7 (class b) has a non-finite value (NaN) at element 123; fix or drop it "
                + "before training", message);
    }

    @Test
    void rejectsMissingValidationData() {
        assertEquals("validation data is required (setValidationData)",
                messageOf(() -> CScoreMonitor.builder().setNetwork(network).build()));
    }

    @Test
    void rejectsAMissingNetwork() {
        assertEquals("the network is required (setNetwork or setBlock)",
                messageOf(() -> CScoreMonitor.builder().setValidationData(MonitorFixtures.validation(4, 1)).build()));
    }

    @Test
    void rejectsAnEmptyValidationSet() {
        var empty = LabeledDataset.fromArrays(new float[0][], new int[0], MonitorFixtures.IMAGE, List.of("a", "b"));

        assertEquals("validation data is empty",
                messageOf(() -> CScoreMonitor.builder().setValidationData(empty).setNetwork(network).build()));
    }

    @Test
    void rejectsAClassMissingFromTheValidationSet() {
        float[][] images = MonitorFixtures.images(2, 1, new int[2]);
        var onlyUpper = LabeledDataset.fromArrays(images, new int[] {1, 1}, MonitorFixtures.IMAGE, List.of("lower", "upper"));

        assertEquals("class 'lower' has no validation images",
                messageOf(() -> CScoreMonitor.builder().setValidationData(onlyUpper).setNetwork(network).build()));
    }

    @Test
    void rejectsZeroSamplePerClass() {
        assertEquals("samplePerClass must be at least 1, but was 0", messageOf(() -> valid().optSamplePerClass(0)));
    }

    @Test
    void rejectsZeroCheckpointEvery() {
        assertEquals("checkpointEvery must be at least 1, but was 0", messageOf(() -> valid().optCheckpointEvery(0)));
    }

    @Test
    void rejectsANonPositiveTechniqueTimeout() {
        assertEquals("techniqueTimeout must be positive, but was PT0S",
                messageOf(() -> valid().optTechniqueTimeout(Duration.ZERO)));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldTimeBudgetSetterIsTheTechniqueTimeout() {
        assertEquals("techniqueTimeout must be positive, but was PT-1S",
                messageOf(() -> valid().optTimeBudget(Duration.ofSeconds(-1))));
        assertEquals(CScoreMonitorBuilder.DEFAULT_TECHNIQUE_TIMEOUT, CScoreMonitorBuilder.DEFAULT_TIME_BUDGET);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.01, Double.NaN})
    void rejectsAMonitorShareOutsideZeroToOne(double share) {
        assertEquals("monitorShare must be in (0, 1], but was " + share, messageOf(() -> valid().optMonitorShare(share)));
    }

    @Test
    void rejectsZeroExpectedEpochs() {
        assertEquals("expectedEpochs must be at least 1, but was 0", messageOf(() -> valid().optExpectedEpochs(0)));
    }

    @Test
    void byDefaultAllSixTechniquesRunWithinATenthOfTheRun() {
        assertEquals(Technique.builtIns(), CScoreMonitorBuilder.DEFAULT_TECHNIQUES);
        assertEquals(0.10, CScoreMonitorBuilder.DEFAULT_MONITOR_SHARE);

        CScoreMonitor monitor = valid().build();

        assertEquals(Technique.builtIns(), monitor.techniques());
        assertEquals(0.10, monitor.timeShare().limit());
    }

    @Test
    void rejectsAnUnknownTapAtBuildTime() {
        CamTaps wrong = new CamTaps("backbone/stage3", List.of("backbone/stage1", "backbone/stage3"));

        String message = messageOf(() -> CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(4, 1))
                .setBlock(network.block(), wrong)
                .build());

        assertTrue(message.startsWith("unknown block path 'backbone/stage3'"), message);
    }

    @Test
    void rejectsABlankRunName() {
        assertEquals("runName must be non-blank, but was ' '", messageOf(() -> valid().optRunName(" ")));
    }

    @Test
    void drawsTheSampleFromADjlDataset() {
        ArrayDataset validation = MonitorFixtures.training(manager, 40, 3, 8);
        int[] expectedLabels = new int[40];
        float[][] expectedImages = MonitorFixtures.images(40, 3, expectedLabels);

        CScoreMonitor monitor = CScoreMonitor.builder()
                .setValidationData(validation, List.of("lower", "upper"))
                .setNetwork(network)
                .optSamplePerClass(5)
                .build();

        ValidationSample sample = monitor.sample();
        assertArrayEquals(new int[] {5, 5}, sample.classSizes());
        int[] indices = sample.datasetIndices();
        for (int i = 0; i < indices.length; i++) {
            assertEquals(expectedLabels[indices[i]], sample.labels()[i]);
            assertArrayEquals(expectedImages[indices[i]], sample.imagesBetween(i, i + 1));
        }
    }
}
