package io.github.cscore.study;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.Severity;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Alerts as a signal: a fresh engine replays a run's checkpoints, and the signal warns at every
 * checkpoint at which an alert of at least warning severity starts firing. An alert already firing
 * from before the onset is a false alarm of the run, not a warning of its degradation.
 */
public final class AlertSignal implements Signal {

    private final String name;
    private final Supplier<AlertEngine> engines;

    /**
     * Creates the signal.
     *
     * @param name the name shown in the tables
     * @param engines makes a fresh engine for each run, with the rules and settings to judge
     */
    public AlertSignal(String name, Supplier<AlertEngine> engines) {
        this.name = Objects.requireNonNull(name, "name");
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public Warnings warnings(StudyRunData run) {
        return Warnings.of(run.series(), firing(run));
    }

    /**
     * Returns the checkpoints at which an alert of warning severity or above started firing.
     *
     * @param run the run
     * @return their indices
     */
    public BitSet firing(StudyRunData run) {
        AlertEngine engine = engines.get();
        BitSet warned = new BitSet();
        for (int i = 0; i < run.checkpoints().size(); i++) {
            List<AlertEvent> events = engine.evaluate(run.checkpoints().get(i));
            if (events.stream().anyMatch(e -> e.isFiring() && e.severity().compareTo(Severity.WARNING) >= 0)) {
                warned.set(i);
            }
        }
        return warned;
    }
}
