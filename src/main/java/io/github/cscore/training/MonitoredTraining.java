package io.github.cscore.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A monitored training run, assembled: the network with its parameters initialised (from a saved
 * backbone if given), the data read, the C-Score monitor built with its sinks (timeline, example
 * maps, alert engine, exporter), further monitors if any, and a {@link TrainingPlan} to train by.
 * {@link #run} trains; {@link #close} closes the model, then the monitors (which close their sinks),
 * then the exporter.
 *
 * <p>{@link Builder#build()} works in an order that makes a run repeatable: it seeds the engine,
 * reads the data, builds the monitors, and only then initialises the parameters. With the same
 * seed, network, data and plan, two runs write the same timeline apart from times.
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

    private MonitoredTraining(Builder builder, TrainingData data, List<CScoreMonitor> monitors, TimelineWriter timeline,
            Model model, List<AutoCloseable> closeOrder) {
        this.network = builder.network;
        this.data = data;
        this.plan = builder.plan;
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
    public static Builder builder() {
        return new Builder();
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
     * @return the writer, or empty without {@link Builder#optTimeline}
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
    private static void closeAll(List<AutoCloseable> resources, Throwable cause) {
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

    /** Builds a {@link MonitoredTraining}; the network, the data and the plan are required. */
    public static final class Builder {

        private Network network;
        private TrainingDataSource data;
        private TrainingPlan plan;
        private CScoreMonitorBuilder monitor;
        private final List<CScoreMonitorBuilder> sideMonitors = new ArrayList<>();
        private Path timeline;
        private int examplesPerClass;
        private AlertEngine alerts;
        private CScoreExporter exporter;
        private Path backbone;
        private Long seed;

        private Builder() {}

        /**
         * Sets the network to train. Required.
         *
         * @param network the network, not yet initialised
         * @return this builder
         */
        public Builder setNetwork(Network network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /**
         * Sets the data: a {@link TrainingData} already read, or a source read by {@link #build()}.
         * Required.
         *
         * @param data the data or its source
         * @return this builder
         */
        public Builder setData(TrainingDataSource data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * Sets the plan to train by. Required.
         *
         * @param plan the plan
         * @return this builder
         */
        public Builder setPlan(TrainingPlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /**
         * Sets the main monitor's settings and sinks of one's own. {@link #build()} sets its network
         * and validation data, then adds the timeline, the alert engine and the exporter after the
         * sinks already given, so that an alert is written after the checkpoint it is about.
         * Default: {@code CScoreMonitor.builder()}, the monitor's defaults.
         *
         * @param monitor a monitor builder without network and validation data
         * @return this builder
         */
        public Builder optMonitor(CScoreMonitorBuilder monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * Adds a further monitor of the same network and validation data with settings of its own
         * (another gold threshold, other techniques) and sinks of its own; its checkpoints go to no
         * timeline, alert engine or exporter of this builder. Default: none.
         *
         * @param monitor a monitor builder without network and validation data
         * @return this builder
         */
        public Builder optSideMonitor(CScoreMonitorBuilder monitor) {
            sideMonitors.add(Objects.requireNonNull(monitor, "monitor"));
            return this;
        }

        /**
         * Writes the main monitor's checkpoints, and the alerts of {@link #optAlerts} after the
         * checkpoint they are about, to a JSON Lines timeline (docs/timeline.md). Default: none.
         *
         * @param file the timeline file, created with its folder
         * @return this builder
         */
        public Builder optTimeline(Path file) {
            this.timeline = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Keeps the CAM maps of fixed sample images at every checkpoint beside the timeline, for
         * the report's overlays ({@link ExampleMapsWriter#besideTimeline}). Needs {@link
         * #optTimeline}. Default: 0, none.
         *
         * @param perClass sample images per class whose maps are kept, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code perClass} is below 1
         */
        public Builder optExampleImages(int perClass) {
            if (perClass < 1) {
                throw new IllegalArgumentException("examplesPerClass must be at least 1, but was " + perClass);
            }
            this.examplesPerClass = perClass;
            return this;
        }

        /**
         * Runs an alert engine over the main monitor's checkpoints: a sink of the monitor, attached
         * to it for its actions (snapshot, stop), its events written to the timeline if there is
         * one. Default: none.
         *
         * @param alerts the alert engine
         * @return this builder
         */
        public Builder optAlerts(AlertEngine alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts");
            return this;
        }

        /**
         * Exports the main monitor's checkpoints: a sink of the monitor, started on it by {@link
         * #build()}, and closed with this training (also when {@code build()} fails). Default:
         * none.
         *
         * @param exporter an exporter not yet started
         * @return this builder
         */
        public Builder optExporter(CScoreExporter exporter) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            return this;
        }

        /**
         * Starts from a saved backbone ({@link Network#saveBackbone}) instead of random weights.
         * Default: none.
         *
         * @param file the backbone file, written for this architecture and scale
         * @return this builder
         */
        public Builder optBackbone(Path file) {
            this.backbone = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Seeds the engine's random generators (initial weights, shuffling) first thing in {@link
         * #build()}. Default: not seeded, the engine's own state.
         *
         * @param seed the seed; the engine takes its low 32 bits
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Seeds the engine, reads the data, builds the monitors (checking their settings against
         * the data and the network), wires the sinks, starts the exporter, and creates the model
         * with initialised parameters. On a failure everything opened so far is closed.
         *
         * @return the assembled training, ready to {@link MonitoredTraining#run}
         * @throws IllegalArgumentException if the network, data or plan is missing, or a monitor's
         *     settings do not fit the data
         * @throws IllegalStateException if example images are asked for without a timeline, or the
         *     exporter cannot serve
         * @throws IOException if the data or the backbone cannot be read
         */
        public MonitoredTraining build() throws IOException {
            requireSet(network, "network", "setNetwork");
            requireSet(data, "data", "setData");
            requireSet(plan, "plan", "setPlan");
            if (examplesPerClass > 0 && timeline == null) {
                throw new IllegalStateException("optExampleImages keeps the maps beside the timeline: set optTimeline");
            }
            List<AutoCloseable> opened = new ArrayList<>();
            if (exporter != null) {
                opened.add(exporter);
            }
            try {
                if (seed != null) {
                    Engine.getInstance().setRandomSeed((int) seed.longValue());
                }
                TrainingData read = data.load();
                TimelineWriter writer = timeline == null ? null : TimelineWriter.create(timeline);
                if (writer != null) {
                    opened.add(0, writer);
                }
                List<CScoreMonitor> monitors = new ArrayList<>();
                monitors.add(mainMonitor(read, writer));
                opened.add(0, monitors.get(0));
                for (CScoreMonitorBuilder side : sideMonitors) {
                    monitors.add(side.setValidationData(read.validation()).setNetwork(network).build());
                    opened.add(0, monitors.get(monitors.size() - 1));
                }
                Model model = Model.newInstance(network.name());
                opened.add(0, model);
                model.setBlock(network.block());
                network.initialize(model.getNDManager());
                if (backbone != null) {
                    network.loadBackbone(backbone, model.getNDManager());
                }
                return new MonitoredTraining(this, read, monitors, writer, model, opened);
            } catch (IOException | RuntimeException e) {
                closeAll(opened, e);
                throw e;
            }
        }

        private CScoreMonitor mainMonitor(TrainingData read, TimelineWriter writer) {
            CScoreMonitorBuilder main = (monitor != null ? monitor : CScoreMonitor.builder())
                    .setValidationData(read.validation())
                    .setNetwork(network);
            if (writer != null) {
                main.optSink("timeline", writer);
                if (examplesPerClass > 0) {
                    main.optExampleImages(examplesPerClass, ExampleMapsWriter.besideTimeline(timeline));
                }
            }
            if (alerts != null) {
                main.optSink("alerts", alerts);
            }
            if (exporter != null) {
                main.optSink("prometheus", exporter);
            }
            CScoreMonitor built = main.build();
            if (alerts != null) {
                if (writer != null) {
                    alerts.subscribe(writer::append);
                }
                alerts.attach(built);
            }
            if (exporter != null) {
                try {
                    exporter.start(built);
                } catch (RuntimeException e) {
                    built.close();
                    throw e;
                }
            }
            return built;
        }

        private static void requireSet(Object value, String name, String setter) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required (" + setter + ")");
            }
        }
    }
}
