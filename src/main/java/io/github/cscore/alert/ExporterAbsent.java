package io.github.cscore.alert;

import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.Severity;

import java.util.Optional;

/**
 * {@value #NAME}, Prometheus only: an exporter of the scrape job cannot be scraped although the
 * last {@code cscore_training_active} it gave was 1, or no target of the job is up at all. The
 * training process cannot see its own absence, so this rule has no in-process detector. It has no
 * settings: the job is the rendering's ({@link PrometheusContext#job()}).
 */
public final class ExporterAbsent implements AlertRule {

    /** The rule name. */
    public static final String NAME = "CScoreExporterAbsent";

    /** Creates the rule. */
    public ExporterAbsent() {}

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    /**
     * {@inheritDoc}
     *
     * @return 2: one checkpoint period of absence is tolerated, for a restart
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
    public String expression(PrometheusContext context) {
        String up = "up{job=\"" + context.job() + "\"}";
        // A run that ended set training_active to 0 and stays quiet for a day.
        return "(" + up + " == 0 unless on(job, instance) last_over_time("
                + CScoreMeters.TRAINING_ACTIVE.prometheusName() + "[1d]) == 0)\nor absent(" + up + ")";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "C-Score exporter cannot be scraped";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Prometheus cannot scrape {{ $labels.instance }} (job {{ $labels.job }}) although training had not "
                + "ended: the process died, hangs, or the target is wrong.";
    }
}
