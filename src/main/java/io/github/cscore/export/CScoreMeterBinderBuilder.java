package io.github.cscore.export;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.control.MonitorView;

import java.util.Objects;

/** Builds a {@link CScoreMeterBinder}. Required: {@link #setRun} and {@link #setModel}. */
public final class CScoreMeterBinderBuilder {

    private String run;
    private String model;
    private int maxClasses = CScoreMeterBinder.DEFAULT_MAX_CLASSES;
    private AlertEngine alerts;
    private boolean resilienceMeters;

    CScoreMeterBinderBuilder() {}

    /**
     * Sets the run name, the common tag {@code run} (required; e.g. {@link MonitorView#runName()}).
     *
     * @param name a non-blank name; sanitised
     * @return this builder
     */
    public CScoreMeterBinderBuilder setRun(String name) {
        this.run = nonBlank("run", name);
        return this;
    }

    /**
     * Sets the model name, the common tag {@code model} (required; e.g. {@link
     * MonitorView#modelName()}).
     *
     * @param name a non-blank name; sanitised
     * @return this builder
     */
    public CScoreMeterBinderBuilder setModel(String name) {
        this.model = nonBlank("model", name);
        return this;
    }

    /**
     * Sets how many classes are exported one by one; beyond it, the worst ones by C-Score.
     * Default: {@value CScoreMeterBinder#DEFAULT_MAX_CLASSES}.
     *
     * @param max at least 1
     * @return this builder
     */
    public CScoreMeterBinderBuilder optMaxClasses(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxClasses must be at least 1, but was " + max);
        }
        this.maxClasses = max;
        return this;
    }

    /**
     * Exports the state of an alert engine as {@code cscore_alert}: one series per alert that has
     * fired, reading the engine's state at scrape time. The binder hands each result to the engine
     * before exporting it, and the engine evaluates each result once, so the engine may be a sink
     * of the same monitor in any place, or none. Default: none, and no {@code cscore_alert}
     * series.
     *
     * @param engine the engine
     * @return this builder
     */
    public CScoreMeterBinderBuilder optAlertEngine(AlertEngine engine) {
        this.alerts = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /**
     * Also binds Resilience4j's own meters of the observed monitor's circuit breakers ({@code
     * resilience4j_circuitbreaker_*}, about 22 series per technique, some reading -1 for "no
     * value yet"). Default: off; the skips they cause are counted in {@code
     * cscore_checkpoints_skipped_total} anyway.
     *
     * @param value true to bind them
     * @return this builder
     */
    public CScoreMeterBinderBuilder optResilienceMeters(boolean value) {
        this.resilienceMeters = value;
        return this;
    }

    /**
     * Checks the configuration and builds the binder, with no side effect: nothing is registered
     * until {@link CScoreMeterBinder#bindTo}.
     *
     * @return the binder
     * @throws IllegalArgumentException if the run or model is missing
     */
    public CScoreMeterBinder build() {
        if (run == null || model == null) {
            throw new IllegalArgumentException("run and model are required (setRun, setModel), but were "
                    + run + " and " + model);
        }
        return new CScoreMeterBinder(run, model, maxClasses, alerts, resilienceMeters);
    }

    private static String nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, but was '" + value + "'");
        }
        return LabelValues.sanitise(value.strip());
    }
}
