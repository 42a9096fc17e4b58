package io.github.cscore.study;

import static io.github.cscore.study.MarkdownCells.f1;
import static io.github.cscore.study.MarkdownCells.f2;
import static io.github.cscore.study.MarkdownCells.peakAuc;
import static io.github.cscore.study.MarkdownCells.row;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.study.WarningOutcome.Criterion;
import io.github.cscore.study.WarningOutcome.Kind;
import io.github.cscore.timeline.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders the study's Markdown summary, section by section. */
final class StudyMarkdown {

    private final WarningCriteria criteria;
    private final float goldThreshold;
    private final List<StudyTimeline> runs;
    private final List<WarningOutcome> outcomes;
    private final List<String> settings;
    private final StringBuilder md = new StringBuilder();

    StudyMarkdown(WarningCriteria criteria, float goldThreshold, List<StudyTimeline> runs,
            List<WarningOutcome> outcomes, List<String> settings) {
        this.criteria = criteria;
        this.goldThreshold = goldThreshold;
        this.runs = runs;
        this.outcomes = outcomes;
        this.settings = settings;
    }

    String render() {
        md.append("# Early-warning study\n\n");
        settings.forEach(line -> md.append("- ").append(line).append('\n'));
        definitions();
        runTable();
        for (Criterion criterion : Criterion.values()) {
            earlyWarning(criterion);
        }
        representativeRuns();
        MechanismTables mechanisms = new MechanismTables(md, runs, goldThreshold);
        mechanisms.tauSweep(representatives());
        mechanisms.flatMaps();
        mechanisms.classMasking();
        mechanisms.shortcut();
        cost();
        return md.toString();
    }

    private void definitions() {
        md.append("\n## Definitions\n\n")
                .append("- AUC drop: the first checkpoint whose macro AUC is below its running maximum minus ")
                .append(f2(criteria.aucMargin())).append(".\n")
                .append("- Alert: the first checkpoint at which the alert engine fired any rule about the technique ")
                .append("(`any`: any rule at all, including those about no single technique).\n")
                .append("- C-Score drop: the first checkpoint whose macro C-Score of the technique is below its running ")
                .append("maximum minus ").append(f2(criteria.scoreMargin()))
                .append(", or undefined after a defined value (`any`: the earliest technique).\n")
                .append("- New alert: the first alert about the technique that the healthy run of the same ")
                .append("architecture, dataset and seed did not fire at the same epoch (same rule and class).\n")
                .append("- Lead time: AUC-drop checkpoint minus warning checkpoint, in checkpoints; positive = early.\n")
                .append("- Miss: AUC dropped and the signal did not warn at or before the drop (late or never).\n")
                .append("- False alarm: the signal warned in a healthy run, whatever the AUC did.\n");
    }

    private void runTable() {
        md.append("\n## Runs\n\n| run | checkpoints | peak AUC (epoch) | AUC drop epoch | last AUC | alerts fired "
                + "(first epoch) | wall s | monitor s |\n|---|---:|---:|---:|---:|---|---:|---:|\n");
        StudyAnalysis analysis = new StudyAnalysis(criteria);
        for (StudyTimeline run : runs) {
            List<CheckpointResult> c = run.checkpoints();
            int peak = peakAuc(c);
            int drop = analysis.aucDrop(c);
            md.append(row(run.id(), Integer.toString(c.size()),
                    peak < 0 ? "-" : f2(c.get(peak).macroAuc()) + " (" + c.get(peak).epoch() + ")",
                    drop < 0 ? "-" : Integer.toString(c.get(drop).epoch()),
                    c.isEmpty() ? "-" : f2(c.get(c.size() - 1).macroAuc()), firstAlerts(run.timeline()),
                    f1(run.wallSeconds()), f1(run.monitorSeconds())));
        }
    }

    /** Each rule that fired, with the epoch it first fired at: {@code CScoreRelativeDrop(5)}. */
    private static String firstAlerts(Timeline timeline) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (AlertEvent event : timeline.alerts()) {
            if (event.isFiring()) {
                first.putIfAbsent(event.rule(), event.epoch());
            }
        }
        return first.isEmpty() ? "none" : first.entrySet().stream()
                .map(e -> e.getKey() + "(" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    private void earlyWarning(Criterion criterion) {
        if (outcomes.stream().noneMatch(o -> o.criterion() == criterion)) {
            return;
        }
        md.append("\n## Early warning by ").append(switch (criterion) {
            case ALERT -> "alert";
            case SCORE_DROP -> "C-Score drop";
            case NEW_ALERT -> "alert not also fired in the healthy run of the same seed";
        })
                .append("\n\n| scenario | signal | runs | AUC dropped | early | on time | late | never | lead times "
                        + "(sorted) | median lead | false alarms (healthy runs) |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        Set<String> scenarios = runs.stream().map(StudyTimeline::scenario).filter(s -> !StudyTimeline.HEALTHY.equals(s))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> signals = outcomes.stream().map(WarningOutcome::signal)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String scenario : scenarios) {
            for (String signal : signals) {
                md.append(warningRow(criterion, scenario, signal));
            }
        }
        if (scenarios.isEmpty()) {
            md.append("\n(no run of a failing scenario)\n");
        }
    }

    private String warningRow(Criterion criterion, String scenario, String signal) {
        List<WarningOutcome> rows = select(criterion, scenario, signal);
        List<WarningOutcome> healthy = select(criterion, StudyTimeline.HEALTHY, signal);
        List<Integer> leads = rows.stream().filter(WarningOutcome::hasLead).map(WarningOutcome::lead).sorted().toList();
        long falseAlarms = healthy.stream().filter(WarningOutcome::isFalseAlarm).count();
        return row(scenario, signal, Integer.toString(rows.size()),
                Long.toString(rows.stream().filter(o -> o.aucDropEpoch() >= 0).count()),
                count(rows, Kind.EARLY), count(rows, Kind.ON_TIME), count(rows, Kind.LATE), count(rows, Kind.MISSED),
                leads.isEmpty() ? "-" : leads.toString(), leads.isEmpty() ? "-" : median(leads),
                healthy.isEmpty() ? "-" : falseAlarms + " of " + healthy.size());
    }

    private List<WarningOutcome> select(Criterion criterion, String scenario, String signal) {
        return outcomes.stream().filter(o -> o.criterion() == criterion && o.scenario().equals(scenario)
                && o.signal().equals(signal)).toList();
    }

    /** The first run of each architecture, dataset and scenario, checkpoint by checkpoint. */
    private void representativeRuns() {
        md.append("\n## Checkpoints of one run per architecture, dataset and scenario\n\n"
                + "AUC, gold-list sizes and C-Score cells list the classes in order (phantoms: NORMAL / PNEUMONIA); "
                + "`-` undefined (gold list below 5); flat maps in brackets when any.\n");
        for (StudyTimeline run : representatives()) {
            List<Technique> techniques = StudyAnalysis.techniques(run.checkpoints());
            md.append("\n### ").append(run.id()).append("\n\n| epoch | phase | acc | AUC per class | macro AUC | gold |");
            techniques.forEach(t -> md.append(' ').append(t.label()).append(" |"));
            md.append("\n|---:|---|---:|---|---:|---|").append("---:|".repeat(techniques.size())).append('\n');
            for (CheckpointResult c : run.checkpoints()) {
                md.append("| ").append(c.epoch()).append(" | ").append(c.phase().label()).append(" | ")
                        .append(f2(c.accuracy())).append(" | ").append(classAucs(c)).append(" | ")
                        .append(f2(c.macroAuc())).append(" | ").append(goldSizes(c)).append(" |");
                techniques.forEach(t -> md.append(' ').append(cell(c, t)).append(" |"));
                md.append('\n');
            }
        }
    }

    List<StudyTimeline> representatives() {
        Map<String, StudyTimeline> first = new LinkedHashMap<>();
        for (StudyTimeline run : runs) {
            first.putIfAbsent(run.architecture() + "/" + run.dataset() + "/" + run.scenario(), run);
        }
        return new ArrayList<>(first.values());
    }

    private static String cell(CheckpointResult c, Technique technique) {
        TechniqueResult result = c.techniques().get(technique);
        if (result == null || !result.isScored()) {
            return result == null ? "" : "skipped";
        }
        int flat = 0;
        for (int i = 0; i < result.classes().size(); i++) {
            flat += result.flatMaps(i);
        }
        List<String> scores = new ArrayList<>();
        for (int i = 0; i < result.classes().size(); i++) {
            scores.add(f2(result.score(i)));
        }
        return String.join(" / ", scores) + (flat > 0 ? " [" + flat + " flat]" : "");
    }

    private void cost() {
        double wall = runs.stream().mapToDouble(StudyTimeline::wallSeconds).filter(v -> !Double.isNaN(v)).sum();
        double monitor = runs.stream().filter(r -> !Double.isNaN(r.wallSeconds()))
                .mapToDouble(StudyTimeline::monitorSeconds).sum();
        md.append("\n## Cost\n\n- wall clock of the runs made (training, monitors, data): ").append(f1(wall))
                .append(" s over ").append(runs.stream().filter(r -> !Double.isNaN(r.wallSeconds())).count())
                .append(" runs\n- monitors (main and sweep, every checkpoint): ").append(f1(monitor)).append(" s, ")
                .append(wall > 0 ? f1(100 * monitor / wall) + " %" : "-").append(" of it\n\n")
                .append("| technique (main monitor) | seconds over all checkpoints |\n|---|---:|\n");
        Map<Technique, Double> seconds = new TreeMap<>();
        double pass = 0;
        for (StudyTimeline run : runs) {
            for (CheckpointResult c : run.checkpoints()) {
                pass += c.passSeconds();
                c.techniques().forEach((t, r) -> seconds.merge(t, r.seconds(), Double::sum));
            }
        }
        md.append(row("shared pass", f1(pass)));
        seconds.forEach((t, s) -> md.append(row(t.label(), f1(s))));
    }

    private static String classAucs(CheckpointResult c) {
        return c.classes().stream().map(m -> f2(m.auc())).collect(Collectors.joining(" / "));
    }

    private static String goldSizes(CheckpointResult c) {
        return c.classes().stream().map(m -> Integer.toString(m.goldSize())).collect(Collectors.joining(" / "));
    }

    private static String count(List<WarningOutcome> rows, Kind kind) {
        return Long.toString(rows.stream().filter(o -> o.kind() == kind).count());
    }

    private static String median(List<Integer> sorted) {
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return f1(median);
    }
}
