package io.github.cscore.cli;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the monitor scores: {@code --techniques}, {@code --sample-per-class}, {@code
 * --gold-threshold}, {@code --scorecam-top-k}; its time budget, {@code --monitor-share}; and the
 * longest one technique may take at one checkpoint, {@code --technique-timeout}.
 */
final class MonitorOptions implements OptionNames.Source {

    @Option(names = "--techniques", split = ",", paramLabel = "LABEL", description = "Techniques to run, by label, "
            + "or 'all'; Score-CAM (scorecam) is the costly one, run within --monitor-share (default: ${DEFAULT-VALUE}).")
    List<String> techniques;

    @Option(names = "--monitor-share", description = "Share of the run's wall time the monitor may take, in (0, 1]: a "
            + "technique that would break it runs at every k-th checkpoint and at the last; 1 turns the budget off "
            + "(default: ${DEFAULT-VALUE}).")
    double monitorShare = CScoreMonitorBuilder.DEFAULT_MONITOR_SHARE;

    @Option(names = "--sample-per-class", description = "Validation images per class scored at each checkpoint "
            + "(default: ${DEFAULT-VALUE}).")
    int samplePerClass;

    @Option(names = "--gold-threshold", description = "Confidence needed to enter a gold list (default: ${DEFAULT-VALUE}).")
    float goldThreshold = CScoreConfig.DEFAULT_GOLD_THRESHOLD;

    @Option(names = "--scorecam-top-k", description = "Channels Score-CAM masks, chosen by gradient contribution; 0 "
            + "for all, the exact method (default: ${DEFAULT-VALUE}).")
    int scoreCamTopK;

    @Mixin
    TechniqueTimeoutOption techniqueTimeout = new TechniqueTimeoutOption();

    /** The monitor's own defaults. */
    MonitorOptions() {
        this(CScoreMonitorBuilder.DEFAULT_TECHNIQUES.stream().map(Technique::label).toList(),
                CScoreMonitorBuilder.DEFAULT_SAMPLE_PER_CLASS, ScoreCamConfig.DEFAULT_TOP_K);
    }

    /** Other defaults, for a command that says why in its description. */
    MonitorOptions(List<String> techniques, int samplePerClass, int scoreCamTopK) {
        this.techniques = techniques;
        this.samplePerClass = samplePerClass;
        this.scoreCamTopK = scoreCamTopK;
    }

    /**
     * The settings, checked. The monitor checks the sample against the gold-list minimum only when
     * it is built, which needs the data; so that a sample that could never be scored is refused
     * before any data is generated, that one rule is also checked here.
     */
    MonitorSetup setup() {
        CScoreConfig cscore = CScoreConfig.builder().optGoldThreshold(goldThreshold).build();
        if (samplePerClass < cscore.minGoldSize()) {
            throw new IllegalArgumentException("--sample-per-class must be at least the minimum gold-list size "
                    + cscore.minGoldSize() + ", or no class could ever be scored, but was " + samplePerClass);
        }
        CScoreMonitor.builder().optMonitorShare(monitorShare);
        return new MonitorSetup(techniques(techniques), samplePerClass, cscore,
                new ScoreCamConfig(ScoreCamConfig.DEFAULT_BATCH_SIZE, scoreCamTopK), monitorShare,
                techniqueTimeout.timeout());
    }

    /** Techniques by label, or every built-in one for {@code all}. */
    static List<Technique> techniques(List<String> labels) {
        if (labels.size() == 1 && labels.get(0).trim().equalsIgnoreCase("all")) {
            return Technique.builtIns();
        }
        List<Technique> techniques = labels.stream().map(String::trim).map(MonitorOptions::technique).toList();
        Set<Technique> seen = new HashSet<>();
        for (Technique technique : techniques) {
            // Twice the same column would cost the technique's time twice and score nothing new.
            if (!seen.add(technique)) {
                throw new IllegalArgumentException("--techniques names " + technique.label() + " twice");
            }
        }
        return techniques;
    }

    private static Technique technique(String label) {
        try {
            return Technique.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--techniques: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("samplePerClass", "--sample-per-class", "goldThreshold", "--gold-threshold",
                "topK", "--scorecam-top-k", "monitorShare", "--monitor-share");
    }
}
