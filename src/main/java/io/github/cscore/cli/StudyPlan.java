package io.github.cscore.cli;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.Technique;
import io.github.cscore.study.WarningCriteria;
import io.github.cscore.training.LearningRateSchedule;
import io.github.cscore.training.TrainingPhase;
import io.github.cscore.training.TrainingPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        MonitorSetup monitor,
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

    /**
     * Rejects values the runs cannot use. The study's own rules (scenarios, datasets, the sweep)
     * are checked here, naming the option; every other value by building what it sets, as a run
     * will: the network scale, each scenario's training plan, the data and the monitors.
     */
    void check() {
        if (seeds.isEmpty() || architectures.isEmpty() || scenarios.isEmpty() || datasets.isEmpty()) {
            throw new IllegalArgumentException("--seeds, --architectures, --scenarios and --datasets must not be empty");
        }
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
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, but was " + threads);
        }
        if (datasets.contains("fashion") && fashionClasses.size() != 2) {
            throw new IllegalArgumentException("--fashion-classes takes two classes, but had " + fashionClasses);
        }
        for (float tau : tauSweep) {
            if (tau == monitor.goldThreshold()) {
                throw new IllegalArgumentException("--tau-sweep must not repeat --gold-threshold " + tau
                        + ": the main monitor already scores it");
            }
            OptionNames.of(Map.of("goldThreshold", "--tau-sweep")).translating(() -> monitor.with(tau, tauTechniques));
        }
        networkConfig();
        scenarios.forEach(this::trainingPlan);
        // Data sources check their settings when made and read nothing until loaded.
        if (datasets.contains("phantoms")) {
            RunData.phantoms(seeds.get(0), input, trainPerClass, scenarios.contains("shortcut") ? shortcutRate : 0);
            RunData.kermany(out.resolve("data"), input, seeds.get(0), batchSize);
        }
        if (datasets.contains("fashion")) {
            RunData.fashionMnist(fashionClasses, trainPerClass, monitor.samplePerClass(), input, batchSize);
        }
    }

    /** The scale of every run's network. */
    NetworkConfig networkConfig() {
        return NetworkConfig.demo(input, width, 2);
    }

    /**
     * A transfer phase then fine-tuning, at the healthy rate; in the collapse scenario the
     * fine-tuning switches after {@code collapseAfter} epochs to the collapse rate, multiplied by
     * the growth factor after every epoch.
     */
    TrainingPlan trainingPlan(String scenario) {
        LearningRateSchedule healthy = LearningRateSchedule.constant(learningRate);
        LearningRateSchedule finetune = "collapse".equals(scenario)
                ? healthy.switchAfter(collapseAfter, LearningRateSchedule.growingEachEpoch(collapseLearningRate,
                        collapseGrowth))
                : healthy;
        return TrainingPlan.builder()
                .addPhase(TrainingPhase.transfer(transferEpochs, healthy))
                .addPhase(TrainingPhase.finetune(finetuneEpochs, finetune))
                .build();
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
