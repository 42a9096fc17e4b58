package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;

import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Score-CAM is configured by the instance handed to the monitor, and what is recorded is read from it. */
@ExtendWith(EngineManagerExtension.class)
class ScoreCamInstanceTest {

    private static final ScoreCamConfig EIGHT_OF_FOUR = new ScoreCamConfig(8, 4);

    private Network network;

    @BeforeEach
    void setUp(NDManager manager) {
        network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 1);
    }

    private CScoreMonitorBuilder withScoreCam() {
        return CScoreMonitor.builder().setValidationData(MonitorFixtures.validation(20, 1)).setNetwork(network)
                .optCScore(CScoreConfig.builder().optMinGoldSize(2).build())
                .optTechniques(Technique.GRAD_CAM, Technique.SCORE_CAM);
    }

    @Test
    void theScoringSettingsAreReadFromTheScoreCamTheMonitorRuns() {
        CScoreMonitor monitor = withScoreCam().optImplementation(new ScoreCam(EIGHT_OF_FOUR)).build();

        assertEquals(EIGHT_OF_FOUR, monitor.scoringSettings().scoreCam());
    }

    @Test
    void theShorthandMakesTheSameMonitorAsTheInstance() {
        CScoreMonitor byInstance = withScoreCam().optImplementation(new ScoreCam(EIGHT_OF_FOUR)).build();
        CScoreMonitor byShorthand = withScoreCam().optScoreCam(EIGHT_OF_FOUR).build();

        assertEquals(byInstance.scoringSettings(), byShorthand.scoringSettings());
    }

    @Test
    void aMonitorRebuiltFromItsScoringSettingsRunsAnEqualScoreCam() {
        ScoringSettings live = withScoreCam().optImplementation(new ScoreCam(EIGHT_OF_FOUR)).build().scoringSettings();

        CScoreMonitor rebuilt = live.applyTo(CScoreMonitor.builder())
                .setValidationData(MonitorFixtures.validation(20, 1)).setNetwork(network).build();

        assertEquals(live, rebuilt.scoringSettings());
    }

    @Test
    void aMonitorWithoutScoreCamRecordsItsDefaults() {
        CScoreMonitor monitor = withScoreCam().optTechniques(Technique.GRAD_CAM).optScoreCam(EIGHT_OF_FOUR).build();

        assertEquals(ScoreCamConfig.ofDefaults(), monitor.scoringSettings().scoreCam());
    }

    @Test
    void scoreCamConfiguredTwiceFailsAtBuild() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> withScoreCam().optScoreCam(EIGHT_OF_FOUR).optImplementation(new ScoreCam()).build());

        assertEquals("Score-CAM is configured twice, by optScoreCam and by optImplementation; give one",
                error.getMessage());
    }
}
