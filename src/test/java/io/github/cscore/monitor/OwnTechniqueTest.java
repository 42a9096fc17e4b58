package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

import io.github.cscore.cam.XGradCam;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.TestNetworks;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A seventh technique is one file ({@link XGradCam}): the monitor, its results and the timeline take it as it is. */
class OwnTechniqueTest {

    private NDManager manager;
    private Network network;
    private Trainer trainer;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
        trainer = MonitorFixtures.mockedTrainer(network.block(), manager);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void aTechniqueDefinedInItsOwnFileIsScoredWrittenAndReadBack(@TempDir Path folder) throws Exception {
        List<CheckpointResult> results = new ArrayList<>();
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter timeline = TimelineWriter.create(file)) {
            // snippet: own-technique
            CScoreMonitor monitor = CScoreMonitor.builder()
                    .setValidationData(MonitorFixtures.validation(24, 5))
                    .setNetwork(network)
                    .optSamplePerClass(8)
                    .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                    .optTechniques(Technique.GRAD_CAM, XGradCam.TECHNIQUE)  // chosen by its identity
                    .optImplementation(new XGradCam())                       // run by its implementation
                    .optSink(results::add)
                    .optSink("timeline", timeline)
                    .build();
            // end-snippet

            monitor.onEpoch(trainer);
        }

        TechniqueResult own = results.get(0).technique(XGradCam.TECHNIQUE);
        assertTrue(own.isScored(), own.detail());
        assertEquals(List.of(Technique.GRAD_CAM, XGradCam.TECHNIQUE), List.copyOf(results.get(0).techniques().keySet()));
        CheckpointResult read = Timeline.read(file).checkpoints().get(0);
        assertEquals(XGradCam.TECHNIQUE, Technique.recorded("xgradcam"));
        assertEquals(own.classes(), read.technique(XGradCam.TECHNIQUE).classes());
    }

    @Test
    void aTechniqueReadFromAFileIsTheSameValueWhetherOrNotItsCodeHasLoaded() {
        Technique unknown = Technique.recorded("hirescam");

        assertEquals("hirescam", unknown.label());
        assertEquals(unknown, Technique.recorded("hirescam"));
        assertEquals(Technique.of("hirescam", "HiResCAM"), unknown);
        assertSame(Technique.SCORE_CAM, Technique.recorded("scorecam"));
        assertTrue(Technique.GRAD_CAM.compareTo(unknown) < 0, "the built-ins come first");
    }

    @Test
    void aChosenTechniqueWithoutItsImplementationFailsAtBuildNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optTechniques(Technique.GRAD_CAM, Technique.recorded("hirescam"))
                .build());

        assertTrue(error.getMessage().contains("'hirescam'") && error.getMessage().contains("optImplementation"),
                error.getMessage());
    }

    @Test
    void anImplementationOfATechniqueNotChosenFailsAtBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optTechniques(Technique.GRAD_CAM)
                .optImplementation(new XGradCam())
                .build());

        assertTrue(error.getMessage().contains("'xgradcam'") && error.getMessage().contains("optTechniques"),
                error.getMessage());
    }
}
