package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkConfigTest {

    @Test
    void defaultsAreTheReferenceConfiguration() {
        NetworkConfig config = NetworkConfig.builder().build();

        assertTrue(config.inputSize().isEmpty());
        assertEquals(1000, config.numClasses());
        assertEquals(1.0f, config.widthMultiplier());
        assertTrue(config.blocksPerStage().isEmpty());
        assertEquals(Integer.MAX_VALUE, config.maxBlocksPerStage());
        assertTrue(config.stemDownsampling());
        assertEquals(0.9f, config.batchNormMomentum());
        assertEquals(NetworkConfig.reference(), config);
    }

    @Test
    void demoPresetIsSmallAndKeepsTheStemResolution() {
        NetworkConfig demo = NetworkConfig.demo();

        assertEquals(64, demo.inputSize().orElseThrow());
        assertEquals(2, demo.numClasses());
        assertEquals(0.25f, demo.widthMultiplier());
        assertEquals(2, demo.maxBlocksPerStage());
        assertFalse(demo.stemDownsampling());
    }

    @Test
    void theDemoScaleAtAnotherInputDownSamplesInTheStemFrom160Pixels() {
        NetworkConfig small = NetworkConfig.demo(159, 0.5f, 10);
        NetworkConfig large = NetworkConfig.demo(160, 0.5f, 10);

        assertEquals(NetworkConfig.demo(), NetworkConfig.demo(64, 0.25f, 2));
        assertFalse(small.stemDownsampling());
        assertTrue(large.stemDownsampling());
        assertEquals(10, large.numClasses());
        assertEquals(0.5f, large.widthMultiplier());
        assertEquals(2, large.maxBlocksPerStage());
    }

    @ParameterizedTest
    @ValueSource(ints = {31, 513})
    void theDemoScaleRejectsAnInputOutside32To512(int size) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.demo(size, 0.25f, 2));

        assertEquals("inputSize must be in [32, 512] pixels, but was " + size, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        // reference channels, width, expected: round(reference x width), at least 1
        "64, 1.0, 64",
        "64, 0.25, 16",
        "48, 0.25, 12",
        "80, 0.3, 24",
        "2, 0.25, 1",
        "1, 0.1, 1",
        "32, 1.5, 48",
        "5, 0.5, 3"
    })
    void channelsAreScaledAndRounded(int reference, float width, int expected) {
        NetworkConfig config = NetworkConfig.builder().optWidthMultiplier(width).build();

        assertEquals(expected, config.channels(reference));
    }

    @Test
    void blocksPerStageIsCopiedInAndOut() {
        int[] blocks = {1, 2, 3};
        NetworkConfig config = NetworkConfig.builder().optBlocksPerStage(blocks).build();
        blocks[0] = 9;
        config.blocksPerStage().orElseThrow()[1] = 9;

        assertEquals(java.util.List.of(1, 2, 3),
                java.util.Arrays.stream(config.blocksPerStage().orElseThrow()).boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsNonPositiveInputSize(int size) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optInputSize(size));

        assertEquals("inputSize must be positive, but was " + size, e.getMessage());
    }

    @Test
    void rejectsFewerThanTwoClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optNumClasses(1));

        assertEquals("numClasses must be at least 2, but was 1", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0.5f, 4.5f, Float.NaN})
    void rejectsWidthOutsideZeroToFour(float width) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optWidthMultiplier(width));

        assertEquals("widthMultiplier must be in (0, 4], but was " + width, e.getMessage());
    }

    @Test
    void rejectsAStageWithoutUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optBlocksPerStage(3, 0, 2));

        assertEquals("blocksPerStage values must be at least 1, but were [3, 0, 2]", e.getMessage());
    }

    @Test
    void rejectsNoStages() {
        assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder().optBlocksPerStage());
    }

    @Test
    void rejectsACapBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optMaxBlocksPerStage(0));

        assertEquals("maxBlocksPerStage must be at least 1, but was 0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(floats = {-0.1f, 1f, Float.NaN})
    void rejectsMomentumOutsideZeroToOne(float momentum) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder().optBatchNormMomentum(momentum));

        assertEquals("batchNormMomentum must be in [0, 1), but was " + momentum, e.getMessage());
    }
}
