package io.github.cscore.alert;

import static io.github.cscore.alert.AlertTemplates.WHO;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.List;
import java.util.Optional;

/**
 * {@value #NAME}, Prometheus only: the latest run of a scrape target stopped being scraped while
 * its last word was that it was training ({@code cscore_training_active} 1). The training process
 * cannot see its own death, so this rule has no in-process detector.
 *
 * <p>Per target (job, instance) the latest run is the one whose exporter started last ({@code
 * cscore_run_start_timestamp_seconds}), so an earlier run on the same port, ended or crashed,
 * neither hides nor repeats the latest one's crash. Its series must have gone stale (a failed
 * scrape marks them so at once, a target dropped from service discovery too), which a run that
 * ends normally also does, but only after its final scrape showed {@code cscore_training_active}
 * 0. Nothing else fires: not a run that ended, not a configured target that never served, not a
 * job with no targets, not a Pushgateway whose series never go stale. The alert carries the run
 * and model of the crashed run.
 */
public final class ExporterAbsent implements AlertRule {

    /** The rule name. */
    public static final String NAME = "CScoreExporterAbsent";

    /** How far back a crashed run's last samples are looked for; it resolves this long after. */
    static final String LOOKBACK = "1d";

    private static final String LATEST_START = "cscore:run_start:latest";

    /** Creates the rule. */
    public ExporterAbsent() {}

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @return critical: a dead run needs a person, whatever the hour
     */
    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    /**
     * {@inheritDoc}
     *
     * @return 2: the alert waits one checkpoint period, in which a restarted run clears it
     */
    @Override
    public int forCheckpoints() {
        return 2;
    }

    /**
     * {@inheritDoc}
     *
     * @return empty: only Prometheus sees a process that is gone
     */
    @Override
    public Optional<Detector> detector() {
        return Optional.empty();
    }

    /** {@inheritDoc} */
    @Override
    public List<Recording> recordings(PrometheusContext context) {
        String starts = "last_over_time(" + CScoreMeters.RUN_START.prometheusName() + "{job=\"" + context.job()
                + "\"}[" + LOOKBACK + "])";
        return List.of(new Recording(LATEST_START, starts + "\n== on(job, instance) group_left() max by(job, instance) ("
                + starts + ")"));
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        String active = CScoreMeters.TRAINING_ACTIVE.prometheusName() + "{job=\"" + context.job() + "\"}";
        // The last sample of a run's series, even after they went stale, is its last word.
        return "last_over_time(" + active + "[" + LOOKBACK + "]) == 1\n"
                + "and on(job, instance, run, model) " + LATEST_START + "\n"
                + "unless on(job, instance, run, model) " + active;
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "Run {{ $labels.run }} ({{ $labels.model }}) stopped without ending";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Prometheus no longer scrapes " + WHO + " at {{ $labels.instance }} (job {{ $labels.job }}), and the last it "
                + "heard from that run was that it was training: the process died, hangs, or cannot be reached.";
    }
}
