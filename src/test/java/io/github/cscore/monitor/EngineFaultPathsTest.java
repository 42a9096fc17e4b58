package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

import io.github.cscore.engine.EngineCheckResult;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** What the monitor does with each outcome of the engine self-check (docs/engine.md). */
class EngineFaultPathsTest {

    private static final EngineCheckResult BATCHES_WRONG =
            new EngineCheckResult(false, true, 4.95, "conv 4->6 on 4x4, batch 2: input gradient", 12);
    private static final EngineCheckResult ALL_WRONG =
            new EngineCheckResult(false, false, 4.95, "conv 24->8 on 32x32, one image: forward", 12);
    private static final EngineCheckResult SOUND = new EngineCheckResult(true, true, 1e-7, "none", 12);

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

    private CheckpointResult checkpointWith(EngineCheckResult engine) {
        List<CheckpointResult> results = new ArrayList<>();
        CScoreMonitor monitor = CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optTechniques(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM)
                .optEngineCheck(engine)
                .optSink(results::add)
                .build();
        monitor.onEpoch(trainer);
        return results.get(0);
    }

    @Test
    void wrongBatchesAreExplainedOneImageAtATimeAndSaySo() {
        CheckpointResult sound = checkpointWith(SOUND);
        CheckpointResult safe = checkpointWith(BATCHES_WRONG);

        assertFalse(sound.engineSafePath());
        assertTrue(safe.engineSafePath());
        for (Technique technique : List.of(Technique.GRAD_CAM, Technique.LAYER_CAM, Technique.EIGEN_CAM)) {
            for (int c = 0; c < 2; c++) {
                // This process runs with the remedy, so both paths are correct and must agree.
                assertEquals(sound.technique(technique).score(c), safe.technique(technique).score(c), 1e-5,
                        technique + " class " + c);
            }
        }
    }

    @Test
    void withNoCorrectPathEveryTechniqueIsSkippedAndTheCheckpointStillPublished() {
        CheckpointResult refused = checkpointWith(ALL_WRONG);

        assertTrue(refused.isScored(), "accuracy and AUC are still reported");
        for (TechniqueResult technique : refused.techniques().values()) {
            assertEquals(SkipReason.ENGINE_FAULT, technique.skipReason());
            assertTrue(technique.detail().contains("DNNL_MAX_CPU_ISA=SSE41"), technique.detail());
        }
    }
}
