package io.github.cscore.alert;

import io.github.cscore.control.TrainingControl;
import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ScheduledGaps;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.FileError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Early warning in the process: a checkpoint sink that runs the detectors of its {@link
 * AlertRule}s over the sequence of checkpoints and fires and resolves {@link AlertEvent}s, with the
 * same semantics as the Prometheus rules rendered from the same rules ({@link PrometheusRules},
 * {@code alert-rules/cscore.rules.yml}).
 *
 * <p>A condition fires once it held at {@link Detector#forCheckpoints()} consecutive checkpoints
 * and resolves at the first checkpoint where it does not. A technique the monitor's time budget
 * left out of a checkpoint ({@code scheduled_out}) is no data there: the detectors see its last
 * scored result in its place ({@link ScheduledGaps}), as Prometheus sees its gauges keep their
 * value, and its alerts keep their state, neither counting that checkpoint nor resolving. Each event goes to the log, to the
 * listeners (for example {@code timelineWriter::append}), and to the optional actions: a model snapshot and a clean stop at the end of the epoch,
 * both carried out by the training control given to {@link #attach(TrainingControl)} (the
 * monitor). A listener or detector
 * that throws is logged and never reaches training.
 *
 * <pre>{@code
 * AlertEngine alerts = AlertEngine.builder()
 *         .optListener(timeline::append)
 *         .optSnapshotOn(Severity.WARNING)      // default: off
 *         .build();
 * CScoreMonitor monitor = CScoreMonitor.builder()...optSink("alerts", alerts).build();
 * alerts.attach(monitor);
 * }</pre>
 */
public final class AlertEngine implements Consumer<CheckpointResult> {

    /**
     * The logger every alert is logged to as it fires (warning) or resolves (info): a logger of
     * its own, apart from the engine's failures, so that a program that shows the alerts itself
     * (the command line prints them under their checkpoint) can turn it off and keep the warnings.
     */
    public static final String EVENT_LOGGER = "io.github.cscore.alert.events";

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final Logger EVENTS = LoggerFactory.getLogger(EVENT_LOGGER);

    private final List<AlertRule> rules;
    private final List<Detector> detectors;
    private final CheckpointHistory history;
    private final ScheduledGaps gaps = new ScheduledGaps();
    private final Severity snapshotOn;
    private final Severity stopOn;
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<AlertKey, Integer> streaks = new HashMap<>();
    private final Map<AlertKey, Finding> lastFindings = new HashMap<>();
    private final Set<AlertKey> firing = ConcurrentHashMap.newKeySet();
    private final Set<AlertKey> known = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicReference<TrainingControl> control = new AtomicReference<>();
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
    private CheckpointResult lastAccepted;

    private AlertEngine(AlertEngineBuilder builder) {
        this.rules = builder.rules.stream().filter(rule -> !builder.disabled.contains(rule.rule())).toList();
        List<Detector> all = new ArrayList<>();
        rules.forEach(rule -> rule.detector().ifPresent(all::add));
        all.addAll(builder.extra);
        this.detectors = List.copyOf(all);
        int longestWindow = rules.stream().filter(rule -> rule.detector().isPresent())
                .mapToInt(AlertRule::window).max().orElse(1);
        this.history = new CheckpointHistory(Math.max(builder.historySize, longestWindow));
        this.snapshotOn = builder.snapshotOn;
        this.stopOn = builder.stopOn;
        this.listeners.addAll(builder.listeners);
    }

    static AlertEngine create(AlertEngineBuilder builder) {
        return new AlertEngine(builder);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static AlertEngineBuilder builder() {
        return new AlertEngineBuilder();
    }

    /**
     * Creates an engine with every built-in rule at its default settings, logging only.
     *
     * @return the engine
     */
    public static AlertEngine ofDefaults() {
        return builder().build();
    }

    /**
     * Lets the opt-in actions (snapshot, stop) act on training, typically through the monitor
     * this engine is a sink of.
     *
     * @param target what carries out the requests, e.g. the {@code CScoreMonitor}
     * @return this engine
     */
    public AlertEngine attach(TrainingControl target) {
        control.set(Objects.requireNonNull(target, "control"));
        return this;
    }

    /**
     * Adds a listener that receives every event from now on. Safe from any thread.
     *
     * @param listener the listener
     */
    public void subscribe(Consumer<AlertEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs the detectors over the checkpoints so far and hands every alert that fired or
     * resolved to the log, the listeners and the actions. Each result is evaluated once: handed
     * over again (the same object), it is ignored. The monitor hands one result object to all its
     * sinks, and an exporter given this engine hands it over too before it exports, so the
     * engine's place among the sinks does not matter.
     *
     * @param result the latest checkpoint
     */
    @Override
    public void accept(CheckpointResult result) {
        Objects.requireNonNull(result, "result");
        List<AlertEvent> events;
        synchronized (this) {
            if (result == lastAccepted) {
                return;
            }
            lastAccepted = result;
            events = evaluate(result);
        }
        events.forEach(this::deliver);
    }

    /**
     * Runs the detectors over one more checkpoint and returns the events, without delivering
     * them: for replaying a timeline or a scenario.
     *
     * @param result the latest checkpoint
     * @return the alerts that fired or resolved at this checkpoint, in rule order
     */
    public synchronized List<AlertEvent> evaluate(CheckpointResult result) {
        history.add(gaps.fill(result));
        Set<String> noData = result.techniques().keySet().stream()
                .filter(technique -> ScheduledGaps.isScheduledOut(result, technique))
                .map(Technique::label).collect(Collectors.toSet());
        List<AlertEvent> events = new ArrayList<>();
        for (Detector detector : detectors) {
            try {
                step(detector, detector.evaluate(history), result, noData, events);
            } catch (RuntimeException e) {
                logOnce("detector:" + detector.rule(), "detector " + detector.rule() + " failed at epoch "
                        + result.epoch() + "; its alerts keep their state", e);
            }
        }
        return events;
    }

    /**
     * Moves the alerts of one detector on by one checkpoint. An alert about a technique the time
     * budget left out of this checkpoint ({@code noData}) keeps its state as it is: its condition was
     * not observed, so it neither counts towards firing nor resolves.
     */
    private void step(Detector detector, List<Finding> findings, CheckpointResult result, Set<String> noData,
            List<AlertEvent> events) {
        Set<AlertKey> holding = new LinkedHashSet<>();
        for (Finding finding : findings) {
            AlertKey key = new AlertKey(detector.rule(), finding.technique(), finding.className());
            holding.add(key);
            if (noData.contains(key.technique())) {
                continue;
            }
            lastFindings.put(key, finding);
            int streak = streaks.merge(key, 1, Integer::sum);
            if (streak >= detector.forCheckpoints() && firing.add(key)) {
                known.add(key);
                events.add(event(detector, key, AlertEvent.State.FIRING, result, finding, finding.value(),
                        finding.message()));
            }
        }
        List<AlertKey> cleared = streaks.keySet().stream().filter(key -> key.rule().equals(detector.rule())
                && !holding.contains(key) && !noData.contains(key.technique())).toList();
        for (AlertKey key : cleared) {
            streaks.remove(key);
            if (firing.remove(key)) {
                Finding last = lastFindings.get(key);
                events.add(event(detector, key, AlertEvent.State.RESOLVED, result, last, Double.NaN,
                        "resolved at epoch " + result.epoch() + " (was: " + last.message() + ")"));
            }
        }
    }

    private static AlertEvent event(Detector detector, AlertKey key, AlertEvent.State state, CheckpointResult result,
            Finding finding, double value, String message) {
        return new AlertEvent(key.rule(), detector.severity(), state, result.run(), result.model(), result.epoch(),
                key.technique(), key.className(), value, finding.threshold(), message);
    }

    private void deliver(AlertEvent event) {
        if (event.isFiring()) {
            EVENTS.warn("alert {} [{}] firing: {}", event.rule(), event.severity().label(), event.message());
        } else {
            EVENTS.info("alert {} resolved: {}", event.rule(), event.message());
        }
        for (Consumer<AlertEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                logOnce("listener:" + listener.getClass().getName(), "an alert listener failed", e);
            }
        }
        if (event.isFiring()) {
            act(event);
        }
    }

    private void act(AlertEvent event) {
        boolean snapshot = snapshotOn != null && event.severity().compareTo(snapshotOn) >= 0;
        boolean stop = stopOn != null && event.severity().compareTo(stopOn) >= 0;
        TrainingControl target = control.get();
        if ((snapshot || stop) && target == null) {
            logOnce("unattached", "alert actions are on but nothing is attached to carry them out "
                    + "(AlertEngine.attach); nothing was saved or stopped", null);
            return;
        }
        if (snapshot) {
            target.requestSnapshot(event.rule());
        }
        if (stop) {
            target.requestStop("alert " + event.rule() + ": " + event.message());
        }
    }

    /**
     * Returns the alerts firing now.
     *
     * @return a snapshot of the firing keys
     */
    public Set<AlertKey> firing() {
        return Set.copyOf(firing);
    }

    /**
     * Tells whether an alert fires now.
     *
     * @param key the alert
     * @return true while it fires
     */
    public boolean isFiring(AlertKey key) {
        return firing.contains(key);
    }

    /**
     * Returns every alert that has fired at least once, firing or resolved since, in the order
     * they first fired.
     *
     * @return the keys
     */
    public List<AlertKey> known() {
        synchronized (known) {
            return List.copyOf(known);
        }
    }

    /**
     * Returns the engine's rules, disabled ones left out and Prometheus-only ones included: render
     * the rule file from these ({@link PrometheusRules#render}) and both places mean the same.
     *
     * @return the rules, in evaluation order
     */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * Returns the detectors, those of the rules first, in evaluation order.
     *
     * @return the detectors
     */
    public List<Detector> detectors() {
        return detectors;
    }

    private void logOnce(String kind, String message, Throwable error) {
        // One line at warning level; the stack trace only at debug level (a command line's --verbose).
        if (loggedFailures.add(kind)) {
            LOG.warn("{}{} (further occurrences are logged at debug level)", message,
                    error == null ? "" : ": " + FileError.message(error));
        }
        LOG.debug(message, error);
    }
}
