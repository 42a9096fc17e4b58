package io.github.cscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.LabeledDataset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.ImageArrays;
import io.github.cscore.testing.TestNetworks;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The documented run with the monitor's defaults, all six techniques within the time budget: Score-CAM
 * runs exact at the last checkpoint, which takes minutes on two cores, so it runs in the integration
 * phase.
 */
@ExtendWith(EngineManagerExtension.class)
class MonitoredTrainingUsageIT {

    /** The example of docs/monitor.md, "One monitored run", as written; DocSnippetsTest holds the page to it. */
    @Test
    void theDocumentedRunTrainsBothPhasesAndWritesTheTimeline(@TempDir Path folder) throws Exception {
        Path chestXray = folder.resolve("chest_xray");
        Path runFolder = folder.resolve("runs/r1");
        ChestPhantoms.builder().optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 30).build().writeTo(chestXray);

        // snippet: monitored-training
        TrainingPlan plan = TrainingPlan.transferThenFinetune(1, 1, LearningRateSchedule.constant(1e-3f));
        try (MonitoredTraining training = MonitoredTraining.builder()
                .setNetwork(Architecture.RESNET50_V2.build(NetworkConfig.demo()))
                .setData(TrainingDataSource.kermany(chestXray, 64, 0.2f, 1, 16))   // a fifth held out
                .setPlan(plan)
                .optSeed(1)                                                       // repeatable
                .optMonitor(CScoreMonitor.builder().optRunName("r1"))             // any monitor settings
                .optTimeline(runFolder.resolve("timeline.jsonl"))
                .optAlerts(AlertEngine.ofDefaults())                              // alerts into the timeline
                .build()) {
            training.run();
        }
        // end-snippet

        List<CheckpointResult> written = Timeline.read(runFolder.resolve("timeline.jsonl")).checkpoints();
        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), written.stream().map(CheckpointResult::phase).toList());
        assertEquals("r1", written.get(1).run());
        assertEquals(12, written.get(0).sampleSize(), "6 validation phantoms per class (a fifth of 30)");
    }
}
