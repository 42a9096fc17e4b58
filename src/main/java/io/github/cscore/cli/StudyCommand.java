package io.github.cscore.cli;

import io.github.cscore.result.Technique;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                    + "degrading from a known step on (forgetting, runaway, slow-growth, label-noise, shortcut), with "
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

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "study");

    @Option(names = "--calibration", description = "Run the calibration seeds and print the operating points.")
    boolean calibration;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Seeds (default: the report seeds 11 to 20, or 1 to 5 "
            + "with --calibration).")
    List<Long> seeds;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME", description = "Scenarios (default: all: healthy, forgetting, "
            + "runaway, slow-growth, label-noise, shortcut).")
    List<String> scenarios;

    @Option(names = "--techniques", split = ",", paramLabel = "LABEL", description = "Techniques of the monitor (default: the five of "
            + "one shared pass at every checkpoint, fixed by the protocol; the study does not run the time budget).")
    List<String> techniques;

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
        PrintWriter printer = spec.commandLine().getOut();
        if (worker != null) {
            return work(protocol, runs, printer);
        }
        if (jobs < 1 || threads < 1) {
            throw new IllegalArgumentException("--jobs and --threads must be at least 1, but were " + jobs + " and "
                    + threads);
        }
        try (OutputLock lock = OutputLock.claim(out, "--out")) {
            checkSettings(protocol.describe());
            long pending = runs.stream().filter(run -> !Files.isRegularFile(
                    out.resolve("runs").resolve(run.id()).resolve(StudyRunner.RUN))).count();
            printer.printf("%d runs, %d to make, %d at a time%n", runs.size(), pending, Math.min(jobs, pending));
            printer.flush();
            if (pending > 0) {
                new StudyRunner(protocol, out, techniques(), threads, printer).prepare(runs);
            }
            int failed = pending == 0 ? 0 : spawnWorkers(Math.min(jobs, (int) pending));
            StudyResults results = StudyResults.read(out.resolve("runs"), protocol.dropMargin());
            results.write(out, calibration);
            printer.printf("summary: %s and %s (%d runs%s)%n", out.resolve(StudyResults.MARKDOWN),
                    out.resolve(StudyResults.CSV), results.size(), failed == 0 ? "" : "; some runs FAILED");
            printer.print(results.headline());
            printer.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    /** Makes this worker's share of the runs, in order; a failed run is reported and left for a resume. */
    private int work(StudyProtocol protocol, List<StudyRun> runs, PrintWriter printer) {
        String[] parts = worker.split("/");
        int k = Integer.parseInt(parts[0]);
        int n = Integer.parseInt(parts[1]);
        StudyRunner runner = new StudyRunner(protocol, out, techniques(), threads, printer);
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
        List<Long> chosen = seeds != null ? seeds
                : calibration ? StudyProtocol.CALIBRATION_SEEDS : StudyProtocol.REPORT_SEEDS;
        List<StudyScenario> chosenScenarios = scenarios == null ? List.of(StudyScenario.values())
                : scenarios.stream().map(StudyScenario::fromLabel).distinct().toList();
        List<StudyRun> runs = new ArrayList<>();
        for (long seed : chosen.stream().distinct().toList()) {
            for (StudyScenario scenario : chosenScenarios) {
                runs.add(new StudyRun(scenario, seed, split));
            }
        }
        return runs;
    }

    private List<Technique> techniques() {
        return techniques == null ? StudyProtocol.TECHNIQUES
                : MonitorOptions.techniques(techniques);
    }

    /** A folder keeps the protocol of its first study; runs made with other settings are not mixed in. */
    private void checkSettings(String settings) throws IOException {
        Path file = out.resolve(SETTINGS);
        if (!Files.exists(file)) {
            Files.createDirectories(out);
            Files.writeString(file, settings);
        } else if (!Files.readString(file).equals(settings)) {
            throw new IllegalArgumentException("--out " + out + " holds a study made with other settings (see " + file
                    + "); choose another --out");
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of();
    }
}
