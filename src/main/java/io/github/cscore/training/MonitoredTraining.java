package io.github.cscore.training;

import ai.djl.Model;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A monitored training run, assembled: the network with its parameters initialised (from a saved
 * backbone if given), the data read, the C-Score monitor built with its sinks (timeline, example
 * maps, alert engine, exporter), further monitors if any, and a {@link TrainingPlan} to train by.
 * {@link #run} trains; {@link #close} closes the model, then the monitors (which close their sinks),
 * then the exporter.
 *
 * <p>{@link MonitoredTrainingBuilder#build()} works in an order that makes a run repeatable: it
 * seeds the engine, reads the data, builds the monitors, and only then initialises the parameters.
 * With the same seed, network, data and plan, two runs write the same timeline apart from times.
 *
 * <pre>{@code
 * try (MonitoredTraining training = MonitoredTraining.builder()
 *         .setNetwork(Architecture.RESNET50_V2.build(NetworkConfig.demo()))
 *         .setData(TrainingDataSource.kermany(chestXray, 64, 0.2f, 1, 32))
 *         .setPlan(TrainingPlan.transferThenFinetune(1, 5, LearningRateSchedule.constant(1e-3f)))
 *         .optTimeline(runFolder.resolve("timeline.jsonl"))
 *         .optAlerts(AlertEngine.ofDefaults())
 *         .build()) {
 *     training.run();
 * }
 * }</pre>
 */
public final class MonitoredTraining implements AutoCloseable {

    private final Network network;
    private final TrainingData data;
    private final TrainingPlan plan;
    private final CScoreMonitor monitor;
    private final List<CScoreMonitor> monitors;
    private final TimelineWriter timeline;
    private final Model model;
    private final List<AutoCloseable> closeOrder;
    private boolean ran;

    private MonitoredTraining(Network network, TrainingData data, TrainingPlan plan, List<CScoreMonitor> monitors,
            TimelineWriter timeline, Model model, List<AutoCloseable> closeOrder) {
        this.network = network;
        this.data = data;
        this.plan = plan;
        this.monitor = monitors.get(0);
        this.monitors = List.copyOf(monitors);
        this.timeline = timeline;
        this.model = model;
        this.closeOrder = List.copyOf(closeOrder);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static MonitoredTrainingBuilder builder() {
        return new MonitoredTrainingBuilder();
    }

    /** The assembled training; {@link MonitoredTrainingBuilder#build()} made every part. */
    static MonitoredTraining create(Network network, TrainingData data, TrainingPlan plan, List<CScoreMonitor> monitors,
            TimelineWriter timeline, Model model, List<AutoCloseable> closeOrder) {
        return new MonitoredTraining(network, data, plan, monitors, timeline, model, closeOrder);
    }

    /**
     * Returns the network being trained.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * Returns the data read for the run.
     *
     * @return the training and validation data
     */
    public TrainingData data() {
        return data;
    }

    /**
     * Returns the plan the run trains by.
     *
     * @return the plan
     */
    public TrainingPlan plan() {
        return plan;
    }

    /**
     * Returns the main monitor: the one the timeline, the alert engine and the exporter watch.
     *
     * @return the main monitor
     */
    public CScoreMonitor monitor() {
        return monitor;
    }

    /**
     * Returns every monitor: the main one first, then the side monitors in the order added.
     *
     * @return the monitors
     */
    public List<CScoreMonitor> monitors() {
        return monitors;
    }

    /**
     * Returns the writer of the main monitor's timeline, to check after the run that every record
     * was written ({@link TimelineWriter#failedWrites()}).
     *
     * @return the writer, or empty without {@link MonitoredTrainingBuilder#optTimeline}
     */
    public Optional<TimelineWriter> timeline() {
        return Optional.ofNullable(timeline);
    }

    /**
     * Returns the model that holds the network's block and parameters.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * Trains by the plan with the monitors attached, then the listeners given, to every trainer.
     *
     * @param listeners further training listeners (a progress bar, a checkpoint saver)
     * @throws IOException if the data cannot be read
     * @throws TranslateException if a batch cannot be prepared
     * @throws IllegalStateException if this training has run already
     */
    public void run(TrainingListener... listeners) throws IOException, TranslateException {
        if (ran) {
            throw new IllegalStateException("this training has run already; build another");
        }
        ran = true;
        List<TrainingListener> all = new ArrayList<>(monitors);
        all.addAll(List.of(listeners));
        plan.fit(model, network, data.train(), null, all.toArray(TrainingListener[]::new));
    }

    /**
     * Closes the model, the side monitors, the main monitor (each closes its closeable sinks, the
     * timeline among them) and the exporter. Every one is closed even if another fails.
     *
     * @throws UncheckedIOException if the timeline cannot be completed
     * @throws RuntimeException the first failure, with later ones suppressed
     */
    @Override
    public void close() {
        closeAll(closeOrder, null);
    }

    /** Closes each resource in order; throws the first failure, or adds them all to {@code cause}. */
    static void closeAll(List<AutoCloseable> resources, Throwable cause) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (failure == null) {
                    failure = e instanceof IOException io ? new UncheckedIOException(io)
                            : e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

}
