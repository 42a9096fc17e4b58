package io.github.cscore.cli;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import java.time.Duration;
import java.util.List;

/** The monitor settings a command chose ({@link MonitorOptions}), checked. */
record MonitorSetup(List<Technique> techniques, int samplePerClass, CScoreConfig cscore, ScoreCamConfig scoreCam,
        double monitorShare, Duration techniqueTimeout) {

    MonitorSetup {
        techniques = List.copyOf(techniques);
    }

    /** The same settings at another gold threshold and with other techniques. */
    MonitorSetup with(float goldThreshold, List<Technique> otherTechniques) {
        return new MonitorSetup(otherTechniques, samplePerClass,
                cscore.toBuilder().optGoldThreshold(goldThreshold).build(), scoreCam, monitorShare, techniqueTimeout);
    }

    /** A monitor builder with these settings, for the sinks to be added; its sample drawn with the seed. */
    CScoreMonitorBuilder builder(long seed, String run) {
        return CScoreMonitor.builder()
                .optTechniques(techniques.toArray(Technique[]::new))
                .optSamplePerClass(samplePerClass)
                .optCScore(cscore)
                .optScoreCam(scoreCam)
                .optMonitorShare(monitorShare)
                .optTechniqueTimeout(techniqueTimeout)
                .optSeed(seed)
                .optRunName(run);
    }

    float goldThreshold() {
        return cscore.goldThreshold();
    }
}
