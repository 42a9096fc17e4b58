package io.github.cscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cscore.score.PairSums;
import io.github.cscore.score.PairwiseSoftIou;
import io.github.cscore.score.SoftIou;
import org.junit.jupiter.api.Test;

/** The benchmark's alternative kernels compute the same sums as the product kernel. */
class AlternativeKernelsTest {

    private final float[][] maps = BenchmarkMaps.emphasised(7, 300, 10 * 10);
    private final float[] weights = BenchmarkMaps.confidences(8, 300);
    private final PairSums expected = PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX);

    @Test
    void pairLoopsAgree() {
        PairSums actual = AlternativeKernels.pairLoops(maps, weights);

        assertEquals(expected.weightedMean(), actual.weightedMean(), 1e-9);
        assertEquals(expected.pairs(), actual.pairs());
    }

    @Test
    void laneBlocksWithMathMinAgree() {
        PairSums actual = AlternativeKernels.laneBlocksMin(maps, weights);

        assertEquals(expected.weightedMean(), actual.weightedMean(), 1e-7); // float sums of single pixels
        assertEquals(expected.totalWeight(), actual.totalWeight(), 1e-9);
    }
}
