package io.github.cscore.study;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.AlertRule;
import io.github.cscore.alert.ClassLeft;
import io.github.cscore.alert.ConfidenceDrop;
import io.github.cscore.alert.DriftFromBest;
import io.github.cscore.alert.ExplanationDrift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The study's results: every complete run of a study folder, judged signal by signal against the
 * held-out ground truth, with the tables of docs/experiments.md. The signals are the default alerts
 * (warning or above, the engine of {@link AlertEngine#ofDefaults()} replayed over the recorded
 * checkpoints, so the same runs can be judged again after the defaults change) and the baseline
 * AUC alarm.
 */
public final class StudyResults {

    /** The Markdown summary's file name. */
    public static final String MARKDOWN = "summary.md";
    /** The CSV summary's file name: one row per run and signal. */
    public static final String CSV = "summary.csv";
    /**
     * The margin of the baseline AUC alarm, chosen on the calibration seeds as the alerts' thresholds
     * were: the smallest margin of the grid (0.02 to 0.2) with no false alarm there, which also
     * warned earliest (docs/experiments.md).
     */
    public static final double AUC_ALARM_MARGIN = 0.02;

    private final List<StudyRunData> runs;
    private final WarningJudge judge;

    private StudyResults(List<StudyRunData> runs, WarningJudge judge) {
        this.runs = List.copyOf(runs);
        this.judge = judge;
    }

    /**
     * Reads every complete run under a folder (a run folder with its run file).
     *
     * @param runsFolder the folder holding one folder per run
     * @param dropMargin the held-out AUC drop margin of the protocol
     * @return the results
     * @throws IOException if a run cannot be read
     */
    public static StudyResults read(Path runsFolder, double dropMargin) throws IOException {
        List<StudyRunData> runs = new ArrayList<>();
        if (Files.isDirectory(runsFolder)) {
            try (Stream<Path> folders = Files.list(runsFolder)) {
                for (Path folder : folders.sorted().toList()) {
                    if (Files.isRegularFile(folder.resolve(StudyRunData.RUN))) {
                        runs.add(StudyRunData.read(folder));
                    }
                }
            }
        }
        return new StudyResults(runs, new WarningJudge(dropMargin));
    }

    /**
     * Returns how many runs were read.
     *
     * @return the count
     */
    public int size() {
        return runs.size();
    }

    /**
     * Returns the judge of the held-out drop.
     *
     * @return the judge
     */
    WarningJudge judge() {
        return judge;
    }

    /**
     * Returns the signals every table judges: the default alerts, each early-warning rule alone at
     * its defaults (so that the confidence and the explanation signals can be told apart), and the
     * AUC alarm.
     *
     * @return the signals
     */
    public static List<Signal> headlineSignals() {
        return List.of(new AlertSignal("default alerts", AlertEngine::ofDefaults),
                alone(ConfidenceDrop.ofDefaults()), alone(ClassLeft.ofDefaults()), alone(ExplanationDrift.ofDefaults()),
                alone(DriftFromBest.ofDefaults()),
                new AucAlarm(AUC_ALARM_MARGIN));
    }

    private static Signal alone(AlertRule rule) {
        return new AlertSignal(rule.rule() + " alone", () -> AlertEngine.builder().optRules(List.of(rule)).build());
    }

    /**
     * Judges signals scenario by scenario, the healthy runs first.
     *
     * @param signals the signals
     * @return one summary per signal and scenario
     */
    public List<SignalSummary> summaries(List<Signal> signals) {
        List<SignalSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, List<StudyRunData>> scenario : byScenario().entrySet()) {
            for (Signal signal : signals) {
                summaries.add(SignalSummary.of(signal, scenario.getKey(), scenario.getValue(), judge));
            }
        }
        return summaries;
    }

    /** The runs by scenario, healthy first, then in the order of their first run. */
    Map<String, List<StudyRunData>> byScenario() {
        Map<String, List<StudyRunData>> byScenario = new LinkedHashMap<>();
        byScenario.put(RunSeries.HEALTHY, new ArrayList<>());
        for (StudyRunData run : runs) {
            byScenario.computeIfAbsent(run.series().scenario(), s -> new ArrayList<>()).add(run);
        }
        byScenario.values().removeIf(List::isEmpty);
        return byScenario;
    }

    /**
     * Returns the headline: the default alerts against the AUC alarm, per scenario.
     *
     * @return a Markdown table with its header
     */
    public String headline() {
        StringBuilder text = new StringBuilder();
        text.append("| signal | scenario | runs | held-out AUC dropped | early | on time | late | never | median lead "
                + "| false alarms |\n|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
        summaries(headlineSignals()).forEach(summary -> text.append(summary.markdownRow()).append('\n'));
        return text.toString();
    }

    /**
     * Returns what the monitor cost over the runs, and at how many checkpoints each technique was
     * scored.
     *
     * @return the cost
     */
    public MonitorCost monitorCost() {
        return MonitorCost.of(runs);
    }

    /**
     * Writes the summaries.
     *
     * @param folder the study folder
     * @param operatingPoints whether to add the operating points of the candidate rules
     * @throws IOException if a file cannot be written
     */
    public void write(Path folder, boolean operatingPoints) throws IOException {
        StringBuilder md = new StringBuilder("# Early-warning study\n\n");
        md.append(runs.size()).append(" runs. Early: the first warning at or after the onset came before the held-out "
                + "AUC dropped; false alarms: healthy runs with any warning, degrading runs warned before the onset.\n\n");
        md.append(headline());
        md.append('\n').append(monitorCost().line()).append('\n');
        if (operatingPoints) {
            md.append(OperatingPoints.markdown(this));
        }
        Files.writeString(folder.resolve(MARKDOWN), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(CSV), csv(headlineSignals()), StandardCharsets.UTF_8);
    }

    private String csv(List<Signal> signals) {
        StringBuilder csv = new StringBuilder("run,scenario,seed,split,signal,kind,drop_step,warning_step,lead_steps,"
                + "lead_checkpoints,false_alarm\n");
        for (StudyRunData run : runs) {
            for (Signal signal : signals) {
                Warnings warnings = signal.warnings(run);
                WarningJudge.Judgement j = judge.judge(run.series(), warnings.first(), warnings.beforeOnset());
                csv.append(String.join(",", run.id(), run.series().scenario(), Long.toString(run.series().seed()),
                        run.series().split().name().toLowerCase(java.util.Locale.ROOT), quote(signal.name()),
                        j.kind().name().toLowerCase(java.util.Locale.ROOT), step(run, j.drop()), step(run, j.warning()),
                        Integer.toString(j.leadSteps()), Integer.toString(j.leadCheckpoints()),
                        Boolean.toString(j.falseAlarm()))).append('\n');
            }
        }
        return csv.toString();
    }

    private static String step(StudyRunData run, int index) {
        return index < 0 ? "" : Integer.toString(run.series().checkpoints().get(index).step());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
