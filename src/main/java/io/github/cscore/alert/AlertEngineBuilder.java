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
 * Builds an {@link AlertEngine}. Nothing is required: by default every built-in rule runs at its
 * default settings ({@link BuiltInRules#ofDefaults()}), events go to the log only, and no action
 * is taken.
 */
public final class AlertEngineBuilder {

    /** Default number of checkpoints kept for custom detectors (the rules say what they need). */
    public static final int DEFAULT_HISTORY_SIZE = 16;

    final List<AlertRule> rules = new ArrayList<>(BuiltInRules.ofDefaults());
    final List<Detector> extra = new ArrayList<>();
    final Set<String> disabled = new HashSet<>();
    final List<Consumer<AlertEvent>> listeners = new ArrayList<>();
    Severity snapshotOn;
    Severity stopOn;
    int historySize = DEFAULT_HISTORY_SIZE;

    AlertEngineBuilder() {}

    /**
     * Adds a rule, or replaces the rule of the same name: a built-in rule with other settings
     * ({@code optRule(new BelowFloor(new BelowFloor.Settings(0.25, 2)))}), or a rule of one's own.
     * Render the Prometheus rules from the engine's ({@link AlertEngine#rules()}) so both places
     * keep meaning the same. Default: {@link BuiltInRules#ofDefaults()}.
     *
     * @param rule the rule
     * @return this builder
     */
    public AlertEngineBuilder optRule(AlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        int same = indexOf(rule.rule());
        if (same < 0) {
            rules.add(rule);
        } else {
            rules.set(same, rule);
        }
        return this;
    }

    /**
     * Replaces every rule. Default: {@link BuiltInRules#ofDefaults()}.
     *
     * @param value the rules, in evaluation order; names must differ
     * @return this builder
     */
    public AlertEngineBuilder optRules(List<AlertRule> value) {
        List<AlertRule> copy = List.copyOf(value);
        rules.clear();
        rules.addAll(copy);
        return this;
    }

    /**
     * Adds a detector of one's own, evaluated in process only, after the rules'. For an alert in
     * Prometheus too, write an {@link AlertRule} and use {@link #optRule}. Default: none.
     *
     * @param detector the detector; its rule name must differ from every other
     * @return this builder
     */
    public AlertEngineBuilder optDetector(Detector detector) {
        extra.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /**
     * Turns rules off, in process and in {@link AlertEngine#rules()}. Default: all on.
     *
     * @param names names of rules the engine evaluates in process
     * @return this builder
     * @throws IllegalArgumentException for a name that is not one of them
     */
    public AlertEngineBuilder optDisabled(String... names) {
        List<String> inProcess = rules.stream().filter(r -> r.detector().isPresent()).map(AlertRule::rule).toList();
        for (String name : names) {
            if (!inProcess.contains(name)) {
                throw new IllegalArgumentException("unknown rule '" + name + "'; in-process rules: " + inProcess);
            }
            disabled.add(name);
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
     * Saves a model snapshot ({@code requestSnapshot(rule)}) when an alert of at least this
     * severity fires. Default: off. Needs {@link AlertEngine#attach} and a snapshot folder on the
     * monitor.
     *
     * @param minimum the lowest severity that saves
     * @return this builder
     */
    public AlertEngineBuilder optSnapshotOn(Severity minimum) {
        this.snapshotOn = Objects.requireNonNull(minimum, "minimum");
        return this;
    }

    /**
     * Stops training cleanly at the end of the epoch ({@code requestStop(message)}) when an alert
     * of at least this severity fires. Default: off. Needs {@link AlertEngine#attach}.
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
     * #DEFAULT_HISTORY_SIZE}, and never fewer than the longest window of the rules.
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
     * @throws IllegalArgumentException if two rules or detectors share a name, or a detector's
     *     forCheckpoints is below 1
     */
    public AlertEngine build() {
        Set<String> names = new HashSet<>();
        for (AlertRule rule : rules) {
            unique(names, rule.rule());
        }
        names.removeAll(disabled);
        for (Detector detector : extra) {
            unique(names, detector.rule());
            if (detector.forCheckpoints() < 1) {
                throw new IllegalArgumentException("forCheckpoints of " + detector.rule() + " must be at least 1, but was "
                        + detector.forCheckpoints());
            }
        }
        return AlertEngine.create(this);
    }

    private static void unique(Set<String> names, String name) {
        if (!names.add(Objects.requireNonNull(name, "rule"))) {
            throw new IllegalArgumentException("rule name '" + name + "' is used twice");
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).rule().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
