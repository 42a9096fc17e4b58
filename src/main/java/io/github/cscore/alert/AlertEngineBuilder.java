package io.github.cscore.alert;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.Severity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds an {@link AlertEngine}. Nothing is required: by default every built-in rule runs at
 * {@link AlertThresholds#ofDefaults()}, events go to the log only, and no action is taken.
 */
public final class AlertEngineBuilder {

    /** Default number of checkpoints kept for custom detectors (built-in ones need fewer). */
    public static final int DEFAULT_HISTORY_SIZE = 16;

    AlertThresholds thresholds = AlertThresholds.ofDefaults();
    final List<Detector> extra = new ArrayList<>();
    final Set<String> disabled = new HashSet<>();
    final List<Consumer<AlertEvent>> listeners = new ArrayList<>();
    Severity snapshotOn;
    Severity stopOn;
    int historySize = DEFAULT_HISTORY_SIZE;

    AlertEngineBuilder() {}

    /**
     * Sets the thresholds of the built-in rules. Default: {@link AlertThresholds#ofDefaults()}.
     * The Prometheus rules must be rendered from the same thresholds ({@link PrometheusRules}).
     *
     * @param value the thresholds
     * @return this builder
     */
    public AlertEngineBuilder optThresholds(AlertThresholds value) {
        this.thresholds = Objects.requireNonNull(value, "thresholds");
        return this;
    }

    /**
     * Adds a detector of one's own, evaluated after the built-in ones. Default: none.
     *
     * @param detector the detector; its rule name must differ from every other
     * @return this builder
     */
    public AlertEngineBuilder optDetector(Detector detector) {
        extra.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /**
     * Turns built-in rules off. Default: all on.
     *
     * @param rules names from {@link RuleNames#IN_PROCESS}
     * @return this builder
     * @throws IllegalArgumentException for a name that is not an in-process rule
     */
    public AlertEngineBuilder optDisabled(String... rules) {
        for (String rule : rules) {
            if (!RuleNames.IN_PROCESS.contains(rule)) {
                throw new IllegalArgumentException("unknown rule '" + rule + "'; in-process rules: " + RuleNames.IN_PROCESS);
            }
            disabled.add(rule);
        }
        return this;
    }

    /**
     * Adds a listener that receives every event, for example {@code timelineWriter::append}.
     * Default: none (events are logged).
     *
     * @param listener the listener
     * @return this builder
     */
    public AlertEngineBuilder optListener(Consumer<AlertEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Saves a model snapshot ({@code monitor.requestSnapshot(rule)}) when an alert of at least
     * this severity fires. Default: off. Needs {@link AlertEngine#attach} and a snapshot folder on
     * the monitor.
     *
     * @param minimum the lowest severity that saves
     * @return this builder
     */
    public AlertEngineBuilder optSnapshotOn(Severity minimum) {
        this.snapshotOn = Objects.requireNonNull(minimum, "minimum");
        return this;
    }

    /**
     * Stops training cleanly at the end of the epoch ({@code monitor.requestStop(message)}) when
     * an alert of at least this severity fires. Default: off. Needs {@link AlertEngine#attach}.
     *
     * @param minimum the lowest severity that stops
     * @return this builder
     */
    public AlertEngineBuilder optStopOn(Severity minimum) {
        this.stopOn = Objects.requireNonNull(minimum, "minimum");
        return this;
    }

    /**
     * Sets how many checkpoints are kept for the detectors. Default: {@value
     * #DEFAULT_HISTORY_SIZE}, and never fewer than the longest built-in window.
     *
     * @param size at least 1
     * @return this builder
     */
    public AlertEngineBuilder optHistorySize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("historySize must be at least 1, but was " + size);
        }
        this.historySize = size;
        return this;
    }

    /**
     * Checks the configuration and builds the engine.
     *
     * @return the engine
     * @throws IllegalArgumentException if two detectors share a rule name
     */
    public AlertEngine build() {
        Set<String> names = new HashSet<>(RuleNames.IN_PROCESS);
        names.removeAll(disabled);
        for (Detector detector : extra) {
            if (!names.add(Objects.requireNonNull(detector.rule(), "rule"))) {
                throw new IllegalArgumentException("rule name '" + detector.rule() + "' is used twice");
            }
            if (detector.forCheckpoints() < 1) {
                throw new IllegalArgumentException("forCheckpoints of " + detector.rule() + " must be at least 1, but was "
                        + detector.forCheckpoints());
            }
        }
        return AlertEngine.create(this);
    }
}
