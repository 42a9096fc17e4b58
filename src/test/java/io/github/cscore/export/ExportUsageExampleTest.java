package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.testing.TestNetworks;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** The wiring shown in docs/alerts.md and the README: timeline, alerts and Prometheus export. */
class ExportUsageExampleTest {

    private static final int SIZE = 16;

    @Test
    void theDocumentedWiringExportsAlertsAndWritesTheTimeline(@TempDir Path folder) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                TimelineWriter timeline = TimelineWriter.create(folder.resolve("timeline.jsonl"))) {
            Network network = TestNetworks.smallCnn(manager, SIZE, 2, 5);
            LabeledDataset validation = TrainingRun.validation(11);
            ArrayDataset train = TrainingRun.training(manager, 12);
            CScoreExporter used;

            // snippet: export-wiring
            AlertEngine alerts = AlertEngine.builder()
                    .optListener(timeline::append)          // alerts go into the run's timeline
                    .build();
            CScoreExporter exporter = CScoreExporter.builder()
                    .optPort(0)                             // default 9464; 0: any free port
                    .optGracePeriod(Duration.ofSeconds(1))  // default 30 s
                    .optAlertEngine(alerts)
                    .build();
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(validation)
                    .setNetwork(network)
                    .optSink("timeline", timeline)
                    .optSink("alerts", alerts)              // in any place among the sinks
                    .optSink("prometheus", exporter)
                    .build();
            alerts.attach(monitor);                         // for the snapshot and stop actions
            try (exporter) {
                exporter.start(monitor);                    // serves /metrics from now on
                train(monitor, network, train);
            }
            // end-snippet
            used = exporter;

            assertTrue(used.scrape().contains("cscore_epoch{model=\"small-cnn\",run=\"run\"} 2.0"), used.scrape());
            assertTrue(used.scrape().contains("cscore_training_active{model=\"small-cnn\",run=\"run\"} 0.0"));
            assertEquals(2, Timeline.read(folder.resolve("timeline.jsonl")).checkpoints().size());
        }
    }

    private static void train(CScoreMonitor monitor, Network network, ArrayDataset data) throws Exception {
        try (Model model = Model.newInstance("example")) {
            model.setBlock(network.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(monitor);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 3, SIZE, SIZE));
                EasyTrain.fit(trainer, 2, data, null);
            }
        }
    }
}
