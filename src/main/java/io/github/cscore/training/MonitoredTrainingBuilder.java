package io.github.cscore.training;

import ai.djl.Model;
import ai.djl.engine.Engine;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.export.CScoreExporter;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds a {@link MonitoredTraining}; the network, the data and the plan are required. */
public final class MonitoredTrainingBuilder {

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

    MonitoredTrainingBuilder() {}

    /**
     * Sets the network to train. Required.
     *
     * @param network the network, not yet initialised
     * @return this builder
     */
    public MonitoredTrainingBuilder setNetwork(Network network) {
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
    public MonitoredTrainingBuilder setData(TrainingDataSource data) {
        this.data = Objects.requireNonNull(data, "data");
        return this;
    }

    /**
     * Sets the plan to train by. Required.
     *
     * @param plan the plan
     * @return this builder
     */
    public MonitoredTrainingBuilder setPlan(TrainingPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        return this;
    }

    /**
     * Sets the main monitor's settings and sinks of one's own. {@link #build()} sets its network,
     * validation data and the run's length (the plan's epochs, so that the time budget knows the
     * last checkpoint), then adds the timeline, the alert engine and the exporter after the sinks
     * already given, so that an alert is written after the checkpoint it is about.
     * Default: {@code CScoreMonitor.builder()}, the monitor's defaults.
     *
     * @param monitor a monitor builder without network and validation data
     * @return this builder
     */
    public MonitoredTrainingBuilder optMonitor(CScoreMonitorBuilder monitor) {
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
    public MonitoredTrainingBuilder optSideMonitor(CScoreMonitorBuilder monitor) {
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
    public MonitoredTrainingBuilder optTimeline(Path file) {
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
    public MonitoredTrainingBuilder optExampleImages(int perClass) {
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
    public MonitoredTrainingBuilder optAlerts(AlertEngine alerts) {
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
    public MonitoredTrainingBuilder optExporter(CScoreExporter exporter) {
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
    public MonitoredTrainingBuilder optBackbone(Path file) {
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
    public MonitoredTrainingBuilder optSeed(long seed) {
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
                monitors.add(side.setValidationData(read.validation()).setNetwork(network)
                        .optExpectedEpochs(plan.epochs()).build());
                opened.add(0, monitors.get(monitors.size() - 1));
            }
            Model model = Model.newInstance(network.name());
            opened.add(0, model);
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            if (backbone != null) {
                network.loadBackbone(backbone, model.getNDManager());
            }
            return MonitoredTraining.create(network, read, plan, monitors, writer, model, opened);
        } catch (IOException | RuntimeException e) {
            MonitoredTraining.closeAll(opened, e);
            throw e;
        }
    }

    private CScoreMonitor mainMonitor(TrainingData read, TimelineWriter writer) {
        CScoreMonitorBuilder main = (monitor != null ? monitor : CScoreMonitor.builder())
                .setValidationData(read.validation())
                .setNetwork(network)
                .optExpectedEpochs(plan.epochs());
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
