package io.github.cscore.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * JMH with the process CPU time of each operation ({@link CpuTimeProfiler}) beside its wall time,
 * and JMH options given in {@code -Dbench} after the benchmark pattern. The POM's {@code bench}
 * profile hands {@code -Dbench} to the main class as one argument; this class splits it on
 * spaces, so that
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE mvn -q -B -Pbench test-compile exec:exec \
 *     -Dbench.main=io.github.cscore.bench.Jmh '-Dbench=ScoreCamBenchmark -p scale=resnet50v2-64'
 * </pre>
 *
 * runs {@code ScoreCamBenchmark} on one scale only, its results also in {@code
 * target/jmh-result.json}.
 */
public final class Jmh {

    private Jmh() {}

    /**
     * Runs JMH.
     *
     * @param args JMH's command-line options; an argument with spaces is split into several
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        List<String> split = new ArrayList<>();
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    split.add(part);
                }
            }
        }
        CommandLineOptions options = new CommandLineOptions(split.toArray(String[]::new));
        new Runner(new OptionsBuilder().parent(options).addProfiler(CpuTimeProfiler.class).build()).run();
    }
}
