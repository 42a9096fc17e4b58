package io.github.cscore.alert;

import io.github.cscore.result.Severity;

import java.util.Optional;

/**
 * {@value #NAME}, Prometheus only: an alert that always fires, so that its absence says the
 * alerting pipeline is broken. Prometheus evaluates it with the other rules and sends it to
 * Alertmanager, which passes it on to a heartbeat receiver (a dead man's switch such as a
 * healthchecks service) at a fixed interval; when the heartbeats stop, Prometheus, its rule
 * evaluation or Alertmanager is down, and no other alert would reach anyone either. It carries no
 * run, model, job or instance: it is about the pipeline, not a run.
 */
public final class Watchdog implements AlertRule {

    /** The rule name. */
    public static final String NAME = "CScoreWatchdog";

    /** Creates the rule. */
    public Watchdog() {}

    /** {@inheritDoc} */
    @Override
    public String rule() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @return info: it is routed by its name to the heartbeat receiver, never to a person
     */
    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    /** {@inheritDoc} */
    @Override
    public int forCheckpoints() {
        return 1;
    }

    /**
     * {@inheritDoc}
     *
     * @return empty: the training process cannot tell whether alerts reach anyone
     */
    @Override
    public Optional<Detector> detector() {
        return Optional.empty();
    }

    /** {@inheritDoc} */
    @Override
    public String expression(PrometheusContext context) {
        return "vector(1)";
    }

    /** {@inheritDoc} */
    @Override
    public String summary() {
        return "The C-Score alerting pipeline is alive";
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Always firing: Prometheus evaluates the C-Score rules and Alertmanager delivers their alerts. When the "
                + "heartbeat receiver stops getting this alert, one of them is down and no other alert reaches anyone.";
    }
}
