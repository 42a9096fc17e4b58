package io.github.cscore.bench;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.export.CScoreMeterBinder;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The export's cost at its cardinality cap: one checkpoint of 6 techniques x 20 classes recorded
 * into a Prometheus registry (the binder's sink call, which swaps the result in, records six
 * timers and registers nothing new after the first), the alert engine's evaluation of the same
 * checkpoint, and one scrape of the registry in the text format. Budget: well under a
 * millisecond to record and a few milliseconds to scrape, against checkpoints that take seconds.
 *
 * <p>Run: {@code mvn -q -B -Pbench test-compile exec:exec -Dbench=ExportBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ExportBenchmark {

    private PrometheusMeterRegistry registry;
    private CScoreMeterBinder binder;
    private AlertEngine alerts;
    private CheckpointResult[] results;
    private int next;

    /** Binds the meters and records a first checkpoint, so every meter exists. */
    @Setup(Level.Trial)
    public void setUp() {
        results = new CheckpointResult[] {checkpoint(1), checkpoint(2)};
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        alerts = AlertEngine.ofDefaults();
        binder = CScoreMeterBinder.builder().setRun("bench").setModel("resnet50v2").optAlertEngine(alerts).build();
        binder.bindTo(registry);
        binder.accept(results[0]);
    }

    /** Six techniques, twenty classes, scores drawn around 0.5. */
    static CheckpointResult checkpoint(int seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        int[] gold = new int[20];
        double[] auc = new double[20];
        for (int c = 0; c < 20; c++) {
            names.add("class-" + c);
            gold[c] = 10 + random.nextInt(6);
            auc[c] = 0.9 + 0.05 * random.nextDouble();
        }
        Results builder = Results.classes(names, gold, auc);
        for (Technique technique : Technique.builtIns()) {
            double[] scores = new double[20];
            for (int c = 0; c < 20; c++) {
                scores[c] = 0.4 + 0.2 * random.nextDouble();
            }
            builder.scored(technique, scores, new int[20]);
        }
        return builder.build("bench");
    }

    /**
     * Records one checkpoint into the registry.
     *
     * @return the binder, so the call is not eliminated
     */
    @Benchmark
    public Object recordCheckpoint() {
        binder.accept(results[next++ & 1]);
        return binder;
    }

    /**
     * Evaluates the built-in detectors over one more checkpoint.
     *
     * @return the events
     */
    @Benchmark
    public Object evaluateAlerts() {
        return alerts.evaluate(results[next++ & 1]);
    }

    /**
     * Scrapes the registry in the Prometheus text format.
     *
     * @return the exposition
     */
    @Benchmark
    public String scrape() {
        return registry.scrape();
    }
}
