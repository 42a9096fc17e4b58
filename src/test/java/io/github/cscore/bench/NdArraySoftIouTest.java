package io.github.cscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.github.cscore.score.PairSums;
import io.github.cscore.score.PairwiseSoftIou;
import io.github.cscore.score.SoftIou;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmark's NDArray implementation computes the same sums as the product kernel. */
class NdArraySoftIouTest {

    @ParameterizedTest
    @EnumSource(SoftIou.class)
    void agreesWithThePrimitiveKernel(SoftIou form) {
        float[][] maps = BenchmarkMaps.emphasised(3, 70, 12 * 12);
        maps[5] = new float[144];
        maps[9] = new float[144];
        float[] weights = BenchmarkMaps.confidences(4, 70);

        PairSums expected = PairwiseSoftIou.compute(maps, weights, form);
        PairSums actual;
        try (NDManager manager = NDManager.newBaseManager()) {
            actual = NdArraySoftIou.compute(manager, maps, weights, form);
        }

        assertEquals(expected.totalWeight(), actual.totalWeight(), 1e-5 * expected.totalWeight());
        assertEquals(expected.weightedMean(), actual.weightedMean(), 1e-5);
        assertEquals(1, actual.flatPairs());
        assertEquals(expected.pairs(), actual.pairs());
    }

    @Test
    void blocksTheMinMaxFormWithoutChangingIt() {
        float[][] maps = BenchmarkMaps.emphasised(5, 40, 100);
        float[] weights = BenchmarkMaps.confidences(6, 40);

        try (NDManager manager = NDManager.newBaseManager()) {
            // 40 x 100 elements per row: blocks of 7 rows, the last one of 5
            PairSums sums = NdArraySoftIou.compute(manager, maps, weights, SoftIou.MIN_MAX, 7 * 40 * 100);
            assertEquals(PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX).weightedMean(),
                    sums.weightedMean(), 1e-5);
        }
    }
}
