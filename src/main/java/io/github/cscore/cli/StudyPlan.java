package io.github.cscore.cli;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.study.WarningCriteria;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code cscore study} runs, as chosen on the command line: the grid of runs and the
 * settings every run shares.
 */
record StudyPlan(
        Path out,
        List<Architecture> architectures,
        List<String> datasets,
        List<String> scenarios,
        List<Long> seeds,
        int input,
        float width,
        int transferEpochs,
        int finetuneEpochs,
        int trainPerClass,
        int samplePerClass,
        List<Technique> techniques,
        ScoreCamConfig scoreCam,
        float goldThreshold,
        List<Float> tauSweep,
        List<Technique> tauTechniques,
        int batchSize,
        int threads,
        float learningRate,
        float collapseLearningRate,
        float collapseGrowth,
        int collapseAfter,
        double shortcutRate,
        List<String> fashionClasses,
        WarningCriteria criteria,
        Path backbone) {

    /** The scenarios a study knows. */
    static final List<String> SCENARIOS = List.of("healthy", "collapse", "shortcut");
    /** The datasets a study knows. */
    static final List<String> DATASETS = List.of("phantoms", "fashion");

    /** One run of the grid. */
    record Run(Architecture architecture, String dataset, String scenario, long seed) {

        /** The run's name and folder name, e.g. {@code resnet50v2-phantoms-collapse-s3}. */
        String id() {
            return architecture.label() + "-" + dataset + "-" + scenario + "-s" + seed;
        }
    }

    /** Rejects values the runs cannot use, naming the option. */
    void check() {
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("--scenarios takes " + SCENARIOS + ", but had '" + scenario + "'");
            }
        }
        for (String dataset : datasets) {
            if (!DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("--datasets takes " + DATASETS + ", but had '" + dataset + "'");
            }
        }
        if (datasets.contains("fashion") && scenarios.contains("shortcut")) {
            throw new IllegalArgumentException("--scenarios shortcut marks generated phantoms; run it with "
                    + "--datasets phantoms only");
        }
        if (seeds.isEmpty() || architectures.isEmpty() || scenarios.isEmpty() || datasets.isEmpty()) {
            throw new IllegalArgumentException("--seeds, --architectures, --scenarios and --datasets must not be empty");
        }
        if (transferEpochs < 0 || finetuneEpochs < 1) {
            throw new IllegalArgumentException("--transfer-epochs must be non-negative and --finetune-epochs at least 1, "
                    + "but were " + transferEpochs + " and " + finetuneEpochs);
        }
        if (collapseAfter < 0 || collapseAfter >= finetuneEpochs) {
            throw new IllegalArgumentException("--collapse-after must be in [0, --finetune-epochs), but was "
                    + collapseAfter);
        }
        if (input < DemoRun.MIN_INPUT || input > DemoRun.MAX_INPUT) {
            throw new IllegalArgumentException("--input must be in [" + DemoRun.MIN_INPUT + ", " + DemoRun.MAX_INPUT
                    + "] pixels, but was " + input);
        }
        if (trainPerClass < 2) {
            throw new IllegalArgumentException("--train-per-class must be at least 2, but was " + trainPerClass);
        }
        if (samplePerClass < CScoreConfig.DEFAULT_MIN_GOLD_SIZE) {
            throw new IllegalArgumentException("--sample-per-class must be at least " + CScoreConfig.DEFAULT_MIN_GOLD_SIZE
                    + ", but was " + samplePerClass);
        }
        if (!(learningRate > 0) || !(collapseLearningRate > 0)) {
            throw new IllegalArgumentException("--learning-rate and --collapse-lr must be positive, but were "
                    + learningRate + " and " + collapseLearningRate);
        }
        if (!(collapseGrowth >= 1)) {
            throw new IllegalArgumentException("--collapse-growth must be at least 1, but was " + collapseGrowth);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, but was " + threads);
        }
        if (fashionClasses.size() != 2) {
            throw new IllegalArgumentException("--fashion-classes takes two classes, but had " + fashionClasses);
        }
        for (float tau : tauSweep) {
            if (!(tau > 0 && tau <= 1)) {
                throw new IllegalArgumentException("--tau-sweep takes gold thresholds in (0, 1], but had " + tau);
            }
            if (tau == goldThreshold) {
                throw new IllegalArgumentException("--tau-sweep must not repeat --gold-threshold " + goldThreshold
                        + ": the main monitor already scores it");
            }
        }
    }

    /** The runs, in the order they are made: seed-major, so a cut-short study has every scenario. */
    List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (Architecture architecture : architectures) {
                for (String dataset : datasets) {
                    for (String scenario : scenarios) {
                        runs.add(new Run(architecture, dataset, scenario, seed));
                    }
                }
            }
        }
        return runs;
    }

    /** The number of checkpoints a complete run has: one per epoch. */
    int plannedCheckpoints() {
        return transferEpochs + finetuneEpochs;
    }

    /** The timeline file of the extra monitor at a gold threshold. */
    static String tauFileName(float tau) {
        return String.format(Locale.ROOT, "timeline-tau%.2f.jsonl", tau);
    }
}
