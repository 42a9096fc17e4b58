package io.github.cscore.bench;

import ai.djl.ndarray.NDManager;
import io.github.cscore.score.PairSums;
import io.github.cscore.score.PairwiseSoftIou;
import io.github.cscore.score.SoftIou;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time for the pairwise soft-IoU sums over {@code n} maps of {@code resolution x resolution}
 * pixels: the product kernel ({@link PairwiseSoftIou}, primitive loops over lane blocks on all
 * cores) against batched NDArray operations on the PyTorch engine ({@link NdArraySoftIou}).
 * Both start from {@code float[][]} maps, as the C-Score has them.
 *
 * <p>Run: {@code mvn -q -B -Pbench test-compile exec:exec -Dbench=PairwiseSoftIouBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx12g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class PairwiseSoftIouBenchmark {

    /** Maps per class (the gold-list size). */
    @Param({"64", "256", "1024"})
    public int n;

    /** Pixels per side. */
    @Param({"32", "64", "224"})
    public int resolution;

    /** The soft-IoU form. */
    @Param({"MIN_MAX", "PRODUCT"})
    public SoftIou similarity;

    private float[][] maps;
    private float[] weights;
    private NDManager manager;

    /** Draws the maps and opens the engine once per parameter set. */
    @Setup(Level.Trial)
    public void setUp() {
        maps = BenchmarkMaps.emphasised(42, n, resolution * resolution);
        weights = BenchmarkMaps.confidences(43, n);
        manager = NDManager.newBaseManager();
    }

    /** Closes the engine's arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** The product kernel. */
    @Benchmark
    public PairSums primitiveLanes() {
        return PairwiseSoftIou.compute(maps, weights, similarity);
    }

    /** Batched NDArray operations; fewer iterations, a single call can take many seconds. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 2, time = 1)
    public PairSums ndArray() {
        return NdArraySoftIou.compute(manager, maps, weights, similarity);
    }
}
