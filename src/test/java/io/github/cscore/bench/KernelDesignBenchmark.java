package io.github.cscore.bench;

import io.github.cscore.score.PairSums;
import io.github.cscore.score.PairwiseSoftIou;
import io.github.cscore.score.SoftIou;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The product kernel's design choices for the min/max form, measured against the alternatives
 * in {@link AlternativeKernels}: lane blocks versus plain pair loops, absolute difference versus
 * {@code Math.min}.
 *
 * <p>Run: {@code mvn -q -B -Pbench test-compile exec:exec -Dbench=KernelDesignBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx4g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class KernelDesignBenchmark {

    /** Maps per class. */
    @Param({"256", "1024"})
    public int n;

    /** Pixels per side. */
    @Param({"64"})
    public int resolution;

    private float[][] maps;
    private float[] weights;

    /** Draws the maps. */
    @Setup
    public void setUp() {
        maps = BenchmarkMaps.emphasised(42, n, resolution * resolution);
        weights = BenchmarkMaps.confidences(43, n);
    }

    /** The product kernel: lane blocks, absolute differences, four pixels per pass. */
    @Benchmark
    public PairSums laneBlocksAbs() {
        return PairwiseSoftIou.compute(maps, weights, SoftIou.MIN_MAX);
    }

    /** Lane blocks accumulating {@code Math.min}. */
    @Benchmark
    public PairSums laneBlocksMin() {
        return AlternativeKernels.laneBlocksMin(maps, weights);
    }

    /** One pair at a time, eight scalar accumulators. */
    @Benchmark
    public PairSums pairLoops() {
        return AlternativeKernels.pairLoops(maps, weights);
    }
}
