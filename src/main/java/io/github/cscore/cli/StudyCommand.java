package io.github.cscore.cli;

import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.study.RunSeries;
import io.github.cscore.study.StudyResults;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code cscore study}: does the early warning come before the AUC drops? Runs the study of
 * docs/experiments.md ("Protocol"): healthy and degrading fine-tunings from a pretrained backbone,
 * the monitor scoring every few steps with its default alerts, and a held-out evaluation set as the
 * ground truth; then judges every alert and the AUC alarm against it.
 */
@Command(
        name = "study",
        header = "Measures whether alerts come before AUC drops.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the early-warning study of docs/experiments.md on the seeds no threshold was chosen on: a "
                    + "scaled ResNet50V2 pretrained on a related task, fine-tuned on chest phantoms, healthy or "
                    + "degrading from a known step on in one of six ways (see --scenarios), with "
                    + "the monitor scoring every 10 steps and its default alerts on, and the AUC of 400 held-out "
                    + "images at every checkpoint as the ground truth. Each run writes <out>/runs/<run>/; a "
                    + "complete run is not redone. The tables go to <out>/summary.md and <out>/summary.csv.",
            "",
            "--calibration runs the calibration seeds instead (another pretrained backbone) and adds the "
                    + "operating points the default thresholds were chosen from."
        })
final class StudyCommand implements Callable<Integer>, OptionNames.Source {

    /** The settings of the study in a folder. */
    static final String SETTINGS = "settings.txt";

    /** The setting of {@code --monitor-share} in {@link #SETTINGS}. */
    static final String MONITOR_SHARE = "monitor-share";
    /** The protocol's monitor share: no time budget, every technique at every checkpoint. */
    static final double NO_BUDGET = 1;

    /** The setting of {@code --technique-timeout} in {@link #SETTINGS}, in seconds. */
    static final String TECHNIQUE_TIMEOUT = "technique-timeout";

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "study");

    @Option(names = "--calibration", description = "Run the calibration seeds and print the operating points.")
    boolean calibration;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds (default: the report seeds 11 to 20, or 1 to 5 "
            + "with --calibration).")
    List<Long> seeds;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME", description = "Scenarios (default: all: healthy, forgetting, "
            + "runaway, slow-growth, label-noise, shortcut, marker-labels).")
    List<String> scenarios;

    @Option(names = "--techniques", split = ",", paramLabel = "LABEL", description = "Techniques of the monitor (default: the five of "
            + "one shared pass at every checkpoint, fixed by the protocol; the study does not run the time budget).")
    List<String> techniques;

    @Option(names = "--monitor-share", description = "Share of each run's wall time the monitor may take, in (0, 1]: a "
            + "technique that would break it runs at every k-th checkpoint and at the last; 1, the protocol's, turns "
            + "the time budget off, so that every technique is scored at every checkpoint (default: ${DEFAULT-VALUE}).")
    double monitorShare = NO_BUDGET;

    @Option(names = "--jobs", description = "Runs made at once, each in a process of its own (default: "
            + "${DEFAULT-VALUE}).")
    int jobs = 2;

    @Option(names = "--threads", description = "Engine threads per process; 1 is fastest when the processes "
            + "fill the cores (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--train-per-class", description = "Phantoms per class in the train folder, a tenth kept "
            + "for validation (default: ${DEFAULT-VALUE}).")
    int trainPerClass = StudyProtocol.ofDefaults().trainPerClass();

    @Option(names = "--evaluation-per-class", description = "Held-out phantoms per class, the ground truth "
            + "(default: ${DEFAULT-VALUE}).")
    int evaluationPerClass = StudyProtocol.ofDefaults().evaluationPerClass();

    @Option(names = "--transfer-epochs", description = "Epochs with the backbone frozen (default: ${DEFAULT-VALUE}).")
    int transferEpochs = StudyProtocol.ofDefaults().transferEpochs();

    @Option(names = "--finetune-epochs", description = "Fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs = StudyProtocol.ofDefaults().finetuneEpochs();

    @Option(names = "--checkpoint-every-steps", description = "Training steps between checkpoints "
            + "(default: ${DEFAULT-VALUE}).")
    int checkpointEverySteps = StudyProtocol.ofDefaults().checkpointEverySteps();

    @Option(names = "--sample-per-class", description = "Validation images per class in the monitor's sample "
            + "(default: ${DEFAULT-VALUE}).")
    int samplePerClass = StudyProtocol.ofDefaults().samplePerClass();

    @Mixin
    TechniqueTimeoutOption techniqueTimeout;

    @Option(names = "--worker", hidden = true, description = "k/n: make only every n-th run from the k-th, no summary.")
    String worker;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<StudyRun> runs = runs();
        StudyProtocol protocol = protocol();
        Duration timeout = techniqueTimeout.timeout();
        CScoreMonitor.builder().optMonitorShare(monitorShare);
        PrintWriter printer = spec.commandLine().getOut();
        if (worker != null) {
            return work(protocol, timeout, runs, printer);
        }
        if (jobs < 1 || threads < 1) {
            throw new IllegalArgumentException("--jobs and --threads must be at least 1, but were " + jobs + " and "
                    + threads);
        }
        try (OutputLock lock = OutputLock.claim(out, "--out")) {
            checkSettings(settings(protocol));
            long pending = runs.stream().filter(run -> !Files.isRegularFile(
                    out.resolve("runs").resolve(run.id()).resolve(StudyRunner.RUN))).count();
            printer.printf("%d runs, %d to make, %d at a time%n", runs.size(), pending, Math.min(jobs, pending));
            printer.flush();
            StudyRunner runner = new StudyRunner(protocol, out, techniques(), monitorShare, timeout, threads, printer);
            if (pending > 0) {
                runner.prepare(runs);
            }
            // After prepare: the backbone the pending runs will start from is on disk now.
            for (StudyRun run : runs) {
                runner.requireSameBackbone(run);
            }
            int failed = pending == 0 ? 0 : spawnWorkers(Math.min(jobs, (int) pending));
            List<String> missing = runs.stream().filter(run -> !runner.isComplete(run)).map(StudyRun::id).toList();
            StudyResults results = StudyResults.read(out.resolve("runs"), protocol.dropMargin());
            results.write(out, calibration);
            printer.printf("summary: %s and %s (%d runs%s)%n", out.resolve(StudyResults.MARKDOWN),
                    out.resolve(StudyResults.CSV), results.size(), failed == 0 && missing.isEmpty() ? ""
                            : "; some runs FAILED");
            printer.print(results.headline());
            printer.println(results.monitorCost().line());
            printer.flush();
            if (!missing.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("cscore: %d of %d runs are not complete and not in the summary: %s (their FAILED lines above "
                        + "say why; the same command makes them again)%n", missing.size(), runs.size(),
                        String.join(", ", missing));
                err.flush();
            }
            return failed == 0 && missing.isEmpty() ? 0 : 1;
        }
    }

    /** Makes this worker's share of the runs, in order; a failed run is reported and left for a resume. */
    private int work(StudyProtocol protocol, Duration timeout, List<StudyRun> runs, PrintWriter printer) {
        String[] parts = worker.split("/");
        int k = Integer.parseInt(parts[0]);
        int n = Integer.parseInt(parts[1]);
        StudyRunner runner = new StudyRunner(protocol, out, techniques(), monitorShare, timeout, threads, printer);
        int failed = 0;
        for (int i = k; i < runs.size(); i += n) {
            StudyRun run = runs.get(i);
            if (runner.isComplete(run)) {
                continue;
            }
            try {
                runner.make(run);
                printer.printf("%s: done%n", run.id());
            } catch (Exception e) {
                failed++;
                printer.printf("%s: FAILED: %s%n", run.id(), CScoreCommand.describe(e));
            }
            printer.flush();
        }
        return failed == 0 ? 0 : 1;
    }

    /** Starts the worker processes and waits for them; returns how many failed. */
    private int spawnWorkers(int count) throws IOException, InterruptedException {
        List<Process> children = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), CScoreCommand.class.getName()));
            command.addAll(spec.commandLine().getParseResult().originalArgs());
            command.addAll(List.of("--worker", k + "/" + count));
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            children.add(child);
        }
        int failed = 0;
        for (Process child : children) {
            failed += child.waitFor() == 0 ? 0 : 1;
        }
        return failed;
    }

    /** The protocol at the scale the options give; checked before anything is written. */
    private StudyProtocol protocol() {
        if (trainPerClass < 20 || evaluationPerClass < 2 || transferEpochs < 1 || finetuneEpochs < 3
                || checkpointEverySteps < 1 || samplePerClass < 5) {
            throw new IllegalArgumentException("the study needs --train-per-class >= 20, --evaluation-per-class >= 2, "
                    + "--transfer-epochs >= 1, --finetune-epochs >= 3 (the scenarios start in the first three), "
                    + "--checkpoint-every-steps >= 1 and --sample-per-class >= 5 (the minimum gold list), but had "
                    + trainPerClass + ", " + evaluationPerClass + ", " + transferEpochs + ", " + finetuneEpochs + ", "
                    + checkpointEverySteps + " and " + samplePerClass);
        }
        return StudyProtocol.ofDefaults().withScale(trainPerClass, evaluationPerClass, transferEpochs, finetuneEpochs,
                checkpointEverySteps, samplePerClass);
    }

    /** Every run of the chosen split, scenarios and seeds, seed by seed. */
    private List<StudyRun> runs() {
        RunSeries.Split split = calibration ? RunSeries.Split.CALIBRATION : RunSeries.Split.REPORT;
        List<Long> chosen = seeds != null ? refuseRepeats("--seeds", seeds)
                : calibration ? StudyProtocol.CALIBRATION_SEEDS : StudyProtocol.REPORT_SEEDS;
        List<StudyScenario> chosenScenarios = scenarios == null ? List.of(StudyScenario.values())
                : refuseRepeats("--scenarios", scenarios.stream().map(StudyScenario::fromLabel).toList());
        List<StudyRun> runs = new ArrayList<>();
        for (long seed : chosen) {
            for (StudyScenario scenario : chosenScenarios) {
                runs.add(new StudyRun(scenario, seed, split));
            }
        }
        return runs;
    }

    /** A seed or scenario listed twice would count its run twice in the summary: refused, naming the option. */
    private static <T> List<T> refuseRepeats(String option, List<T> values) {
        Set<T> seen = new HashSet<>();
        for (T value : values) {
            if (!seen.add(value)) {
                throw new IllegalArgumentException(option + " lists " + (value instanceof StudyScenario scenario
                        ? scenario.label() : value) + " more than once; each run is made and counted once");
            }
        }
        return values;
    }

    /**
     * What defines the study's runs: the protocol, the techniques the monitor scores, and how long
     * one of them may take at a checkpoint before it is skipped there.
     */
    private String settings(StudyProtocol protocol) {
        return protocol.describe() + "techniques=" + String.join(",", techniques().stream().map(Technique::label)
                .toList()) + System.lineSeparator() + TECHNIQUE_TIMEOUT + "=" + techniqueTimeout.shown()
                + System.lineSeparator() + MONITOR_SHARE + "=" + monitorShare + System.lineSeparator();
    }

    private List<Technique> techniques() {
        return techniques == null ? StudyProtocol.TECHNIQUES
                : MonitorOptions.techniques(techniques);
    }

    /**
     * A folder keeps the settings of its first study; runs made with other settings are not mixed
     * in, and the first setting that differs is named. A folder written before a setting was
     * recorded is checked on those it has, and its file then completed.
     */
    private void checkSettings(String settings) throws IOException {
        Path file = out.resolve(SETTINGS);
        if (Files.exists(file)) {
            Map<String, String> recorded = settingsByName(Files.readString(file));
            Map<String, String> now = settingsByName(settings);
            for (Map.Entry<String, String> setting : now.entrySet()) {
                String there = recorded.get(setting.getKey());
                String predating = "";
                if (there == null && setting.getKey().equals(TECHNIQUE_TIMEOUT)) {
                    // A study recorded before the timeout was a setting ran at the monitor's default.
                    there = new TechniqueTimeoutOption().shown();
                    predating = " (the default: the file predates the setting)";
                }
                if (there == null && setting.getKey().equals(MONITOR_SHARE)) {
                    // A study recorded before the share was a setting ran without a time budget.
                    there = Double.toString(NO_BUDGET);
                    predating = " (the protocol's: the file predates the setting)";
                }
                if (there != null && !there.equals(setting.getValue())) {
                    throw new IllegalArgumentException("--out " + out + " holds a study made with other settings: "
                            + setting.getKey() + " is " + there + " there" + predating + " but " + setting.getValue()
                            + " now (see " + file + "); choose another --out");
                }
            }
            if (recorded.equals(now)) {
                return;
            }
        }
        Files.createDirectories(out);
        AtomicOutput.writeString(file, settings);
    }

    private static Map<String, String> settingsByName(String text) {
        Map<String, String> byName = new LinkedHashMap<>();
        text.lines().filter(line -> line.contains("=")).forEach(line ->
                byName.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip()));
        return byName;
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("monitorShare", "--monitor-share");
    }
}
