package io.github.cscore.cli;

import io.github.cscore.model.Architecture;
import io.github.cscore.result.Technique;
import io.github.cscore.study.StudyReport;
import io.github.cscore.study.StudyTimeline;
import io.github.cscore.study.WarningCriteria;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cscore study}: does the early warning come before AUC drops? Trains a grid of small runs
 * (architectures x datasets x scenarios x seeds) with the monitor and its alert engine, and
 * writes one timeline per run and a summary of lead times, misses and false alarms.
 */
@Command(
        name = "study",
        header = "Measures whether alerts come before AUC drops.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the early-warning study: for each architecture, dataset, scenario and seed, a transfer "
                    + "phase then fine-tuning with the C-Score monitor and its alerts attached, one checkpoint per "
                    + "epoch. Scenarios: healthy; collapse (fine-tuning switches to a learning rate that is too "
                    + "high); shortcut (phantoms with a corner marker that agrees with the label). Each run writes "
                    + "<out>/runs/<run>/timeline.jsonl; a run whose timelines are complete is not redone. The "
                    + "summary goes to <out>/summary.csv (one row per run, signal and criterion) and "
                    + "<out>/summary.md.",
            "",
            "The defaults are those of the measured study (docs/experiments.md), smaller than cscore "
                    + "demo's so that its ten runs take about 11 minutes on two cores: --input 48, "
                    + "--train-per-class 200, --batch-size 16, --sample-per-class 12 and Adam at --learning-rate "
                    + "0.002; all six techniques, with Score-CAM on its top 32 channels (--scorecam-top-k 32, 8 "
                    + "times cheaper than exact); and --shortcut-rate 1, which only the shortcut scenario uses."
        })
final class StudyCommand implements Callable<Integer>, OptionNames.Source {

    /** The settings of the study in a folder, all but the grid (see {@link #checkSettings}). */
    static final String SETTINGS = "settings.txt";

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "study");

    @Option(names = "--architectures", split = ",", description = "Architectures (default: ${DEFAULT-VALUE}).")
    List<String> architectures = List.of("resnet50v2");

    @Option(names = "--datasets", split = ",", description = "phantoms and/or fashion (two Fashion-MNIST classes) "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> datasets = List.of("phantoms");

    @Option(names = "--scenarios", split = ",", description = "healthy, collapse, shortcut (default: ${DEFAULT-VALUE}).")
    List<String> scenarios = List.of("healthy", "collapse");

    @Option(names = "--seeds", split = ",", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);

    @Mixin
    ScaleOptions scale = new ScaleOptions(48);

    @Mixin
    PhaseOptions phases;

    @Mixin
    TrainingOptions training = new TrainingOptions(0.002f, 16, 200);

    @Mixin
    MonitorOptions monitor = new MonitorOptions(List.of("all"), 12, 32);

    @Option(names = "--tau-sweep", split = ",", description = "Other gold thresholds, each scored by an extra "
            + "monitor; 'none' for no sweep (default: ${DEFAULT-VALUE}).")
    List<String> tauSweep = List.of("0.5", "0.7");

    @Option(names = "--tau-techniques", split = ",", description = "Techniques of the extra monitors "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> tauTechniques = List.of("gradcam");

    @Option(names = "--threads", description = "Engine threads; 1 is fastest on a busy 2-core machine "
            + "(default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--collapse-lr", description = "Adam learning rate the collapse scenario switches to "
            + "(default: ${DEFAULT-VALUE}).")
    float collapseLearningRate = 0.005f;

    @Option(names = "--collapse-growth", description = "Factor the collapse rate is multiplied by after every "
            + "epoch, each epoch with a new Adam; 1 keeps it constant with one Adam (default: ${DEFAULT-VALUE}).")
    float collapseGrowth = 3;

    @Option(names = "--collapse-after", description = "Fine-tuning epochs at the healthy rate before the collapse "
            + "scenario switches, below --finetune-epochs (default: ${DEFAULT-VALUE}).")
    int collapseAfter = 2;

    @Mixin
    PhantomOptions phantoms = new PhantomOptions(1.0);

    @Option(names = "--fashion-classes", split = ",", description = "The two Fashion-MNIST classes "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> fashionClasses = List.of("Shirt", "T-shirt/top");

    @Option(names = "--auc-margin", description = "AUC drop: below its running maximum minus this "
            + "(default: ${DEFAULT-VALUE}).")
    double aucMargin = WarningCriteria.DEFAULT_AUC_MARGIN;

    @Option(names = "--score-margin", description = "C-Score drop: a technique's macro C-Score below its running "
            + "maximum minus this (default: ${DEFAULT-VALUE}).")
    double scoreMargin = WarningCriteria.DEFAULT_SCORE_MARGIN;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StudyPlan plan = plan();
        plan.check();
        PrintWriter printer = spec.commandLine().getOut();
        try (OutputLock lock = OutputLock.claim(out, "--out")) {
            checkSettings(describe(plan));
            StudyRunner runner = new StudyRunner(plan, printer);
            List<StudyTimeline> timelines = new ArrayList<>();
            int failed = 0;
            for (StudyPlan.Run run : plan.runs()) {
                if (!make(runner, run, printer)) {
                    failed++;
                    continue;
                }
                timelines.add(runner.load(run));
            }
            StudyReport report = new StudyReport(plan.criteria(), plan.monitor().goldThreshold(), timelines,
                    describe(plan));
            report.write(out);
            printer.printf("summary: %s and %s (%d runs%s)%n", out.resolve(StudyReport.CSV),
                    out.resolve(StudyReport.MARKDOWN), timelines.size(), failed == 0 ? "" : ", " + failed + " FAILED");
            return failed == 0 ? 0 : 1;
        }
    }

    /**
     * A complete run is only reused if it was made with the same settings: the first study in a
     * folder records them, and a later one with other settings (more seeds or scenarios are fine)
     * is refused.
     */
    private void checkSettings(List<String> description) throws IOException {
        Path file = out.resolve(SETTINGS);
        String settings = String.join("\n", description.subList(1, description.size())) + "\n";
        if (!Files.exists(file)) {
            Files.writeString(file, settings);
        } else if (!Files.readString(file).equals(settings)) {
            throw new IllegalArgumentException("--out " + out + " holds a study made with other settings (see " + file
                    + "); choose another --out");
        }
    }

    /** Makes one run unless complete; a failed run is reported and left for the next resume. */
    private static boolean make(StudyRunner runner, StudyPlan.Run run, PrintWriter printer) {
        try {
            printer.printf("%s: %s%n", run.id(), runner.ensure(run) ? "done" : "complete already, not redone");
            printer.flush();
            return true;
        } catch (Exception e) {
            printer.printf("%s: FAILED: %s%n", run.id(), e);
            printer.flush();
            return false;
        }
    }

    private StudyPlan plan() {
        List<Float> sweep = tauSweep.size() == 1 && tauSweep.get(0).trim().equalsIgnoreCase("none")
                ? List.of() : tauSweep.stream().map(String::trim).map(StudyCommand::tau).toList();
        return new StudyPlan(out, architectures.stream().map(String::trim).map(Architecture::fromLabel).toList(),
                trimmed(datasets), trimmed(scenarios), List.copyOf(seeds), scale.input, scale.width,
                phases.transferEpochs, phases.finetuneEpochs, training.trainPerClass, monitor.setup(), sweep,
                MonitorOptions.techniques(tauTechniques), training.batchSize, threads, training.learningRate,
                collapseLearningRate, collapseGrowth, collapseAfter, phantoms.shortcutRate, trimmed(fashionClasses),
                new WarningCriteria(aucMargin, scoreMargin), backbone());
    }

    /** A backbone fits one architecture at one scale: refused before any run if it cannot apply. */
    private Path backbone() {
        Path backbone = phases.backbone();
        if (backbone != null && architectures.size() != 1) {
            throw new IllegalArgumentException("--backbone holds the weights of one architecture, but --architectures "
                    + "names " + architectures.size());
        }
        return backbone;
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("startRate", "--collapse-lr", "growthFactor", "--collapse-growth", "switchAfter",
                "--collapse-after", "aucMargin", "--auc-margin", "scoreMargin", "--score-margin");
    }

    private static float tau(String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tau-sweep takes numbers in (0, 1] or 'none', but had '" + value + "'");
        }
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).toList();
    }

    /** The settings, one line each, for the head of the summary. */
    private static List<String> describe(StudyPlan plan) {
        return List.of(
                "runs: " + plan.architectures().stream().map(Architecture::label).toList() + " x " + plan.datasets()
                        + " x " + plan.scenarios() + " x seeds " + plan.seeds(),
                "network: input " + plan.input() + "x" + plan.input() + ", width " + plan.width()
                        + ", two units per stage; " + plan.trainPerClass() + " training images per class",
                "training: " + plan.transferEpochs() + " transfer + " + plan.finetuneEpochs()
                        + " fine-tuning epochs, Adam " + plan.learningRate() + ", batch " + plan.batchSize()
                        + "; collapse: Adam " + plan.collapseLearningRate() + " x " + plan.collapseGrowth()
                        + " per epoch after " + plan.collapseAfter()
                        + " fine-tuning epochs; shortcut rate " + plan.shortcutRate(),
                "monitor: one checkpoint per epoch, " + plan.monitor().samplePerClass() + " validation images per "
                        + "class, gold threshold " + plan.monitor().goldThreshold() + ", techniques "
                        + plan.monitor().techniques().stream().map(Technique::label).toList() + ", Score-CAM "
                        + (plan.monitor().scoreCam().topK() == 0 ? "exact" : "top-" + plan.monitor().scoreCam().topK()
                                + " channels by gradient contribution"),
                "tau sweep: extra monitors at " + plan.tauSweep() + " with "
                        + plan.tauTechniques().stream().map(Technique::label).toList(),
                "backbone: " + (plan.backbone() == null ? "random" : plan.backbone().getFileName().toString()));
    }
}
