package io.github.cscore.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A JMH profiler that reports the CPU time of the benchmark's process per operation, as the
 * secondary result {@code ·cpu} (milliseconds per operation), beside the wall time.
 *
 * <p>On a shared machine with two cores, the wall time of a benchmark grows with whatever else
 * runs; the CPU time the process itself spends (all its threads: the engine's intra-op threads
 * and the JVM's) grows much less, so it is the steadier measure of the work an operation does.
 * Run the benchmark with {@code OMP_WAIT_POLICY=PASSIVE} in the environment, or idle OpenMP
 * threads spin and their spinning counts as CPU time. It includes the JIT compiler and the
 * garbage collector, which after the warm-up do little here.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long start;

    /** Creates the profiler; JMH does this in the forked JVM. */
    public CpuTimeProfiler() {}

    /** {@inheritDoc} */
    @Override
    public String getDescription() {
        return "CPU time of the benchmark's process per operation";
    }

    /** {@inheritDoc} */
    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = os.getProcessCpuTime();
    }

    /** {@inheritDoc} */
    @Override
    public List<Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        double nanos = os.getProcessCpuTime() - start;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(new ScalarResult("·cpu", nanos / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
