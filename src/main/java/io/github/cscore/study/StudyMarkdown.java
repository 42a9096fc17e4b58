package io.github.cscore.study;

import io.github.cscore.alert.AlertEvent;
import io.github.cscore.cam.Technique;
import io.github.cscore.monitor.CheckpointResult;
import io.github.cscore.monitor.ClassMetrics;
import io.github.cscore.monitor.TechniqueResult;
import io.github.cscore.study.WarningOutcome.Criterion;
import io.github.cscore.study.WarningOutcome.Kind;
import io.github.cscore.timeline.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders the study's Markdown summary, section by section. */
final class StudyMarkdown {

    /** A class gap (best minus worst class C-Score) this large is reported as masking. */
    static final double MASKING_GAP = 0.2;

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
        tauSweep();
        flatMaps();
        classMasking();
        shortcut();
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

    private List<StudyTimeline> representatives() {
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

    private void tauSweep() {
        md.append("\n## Tau sweep\n\nGold-list size (both classes) and macro C-Score at each gold threshold; the main "
                + "monitor scores the main threshold, an extra monitor each other one, on the same checkpoints and "
                + "sample.\n");
        for (StudyTimeline run : representatives()) {
            if (run.tauSweep().isEmpty()) {
                continue;
            }
            Map<Float, Timeline> all = new TreeMap<>(run.tauSweep());
            float main = goldThreshold;
            List<Technique> techniques = StudyAnalysis.techniques(run.tauSweep().values().iterator().next().checkpoints());
            md.append("\n### ").append(run.id()).append("\n\n| epoch | macro AUC |");
            Map<Float, List<CheckpointResult>> byTau = new TreeMap<>();
            all.forEach((tau, timeline) -> byTau.put(tau, timeline.checkpoints()));
            byTau.put(main, run.checkpoints());
            byTau.keySet().forEach(tau -> md.append(" gold ").append(tau).append(" |"));
            for (Technique t : techniques) {
                byTau.keySet().forEach(tau -> md.append(' ').append(t.label()).append(' ').append(tau).append(" |"));
            }
            md.append("\n|---:|---:|").append("---:|".repeat(byTau.size() * (1 + techniques.size()))).append('\n');
            for (int i = 0; i < run.checkpoints().size(); i++) {
                CheckpointResult c = run.checkpoints().get(i);
                md.append("| ").append(c.epoch()).append(" | ").append(f2(c.macroAuc())).append(" |");
                for (List<CheckpointResult> list : byTau.values()) {
                    md.append(' ').append(i < list.size() ? totalGold(list.get(i)) : "").append(" |");
                }
                for (Technique t : techniques) {
                    for (List<CheckpointResult> list : byTau.values()) {
                        md.append(' ').append(i < list.size() ? f2(StudyAnalysis.macroScore(list.get(i), t)) : "")
                                .append(" |");
                    }
                }
                md.append('\n');
            }
        }
    }

    private void flatMaps() {
        md.append("\n## Flat maps at peak AUC\n\nAt each run's peak-AUC checkpoint: flat (all-zero) maps over the gold "
                + "lists of both classes, summed over runs.\n\n| technique | flat maps | gold-list maps | share | runs with "
                + ">= half flat |\n|---|---:|---:|---:|---:|\n");
        for (Technique technique : Technique.values()) {
            int flat = 0;
            int gold = 0;
            int halfFlat = 0;
            boolean seen = false;
            for (StudyTimeline run : runs) {
                int peak = peakAuc(run.checkpoints());
                TechniqueResult result = peak < 0 ? null : run.checkpoints().get(peak).techniques().get(technique);
                if (result == null || !result.isScored()) {
                    continue;
                }
                seen = true;
                int runFlat = 0;
                int runGold = 0;
                for (int i = 0; i < result.classes().size(); i++) {
                    runFlat += result.flatMaps(i);
                    runGold += result.classes().get(i).goldSize();
                }
                flat += runFlat;
                gold += runGold;
                halfFlat += runGold > 0 && 2 * runFlat >= runGold ? 1 : 0;
            }
            if (seen) {
                md.append(row(technique.label(), Integer.toString(flat), Integer.toString(gold),
                        gold == 0 ? "-" : f2((double) flat / gold), Integer.toString(halfFlat)));
            }
        }
    }

    private void classMasking() {
        md.append("\n## Class masking\n\nCheckpoints (all runs) where both classes have a defined C-Score and the "
                + "best class is at least ").append(f2(MASKING_GAP)).append(" above the worst: the macro score hides a "
                + "class that is that much less consistent.\n\n| technique | checkpoints with two defined classes | "
                + "gap >= " + f2(MASKING_GAP) + " | largest gap (run, epoch, worst class) | CScoreClassMasked alerts |\n"
                + "|---|---:|---:|---|---:|\n");
        for (Technique technique : Technique.values()) {
            int defined = 0;
            int masked = 0;
            double largest = -1;
            String where = "-";
            for (StudyTimeline run : runs) {
                for (CheckpointResult c : run.checkpoints()) {
                    TechniqueResult result = c.techniques().get(technique);
                    if (result == null || !result.isScored() || result.global().definedClasses() < 2) {
                        continue;
                    }
                    defined++;
                    double gap = best(result) - result.global().worst();
                    masked += gap >= MASKING_GAP ? 1 : 0;
                    if (gap > largest) {
                        largest = gap;
                        where = f2(gap) + " (" + run.id() + ", " + c.epoch() + ", "
                                + c.classNames().get(result.global().worstClass()) + ")";
                    }
                }
            }
            long alerts = runs.stream().flatMap(r -> r.timeline().alerts().stream())
                    .filter(e -> e.isFiring() && e.rule().equals("CScoreClassMasked")
                            && e.technique().equals(technique.label())).count();
            if (defined > 0 || alerts > 0) {
                md.append(row(technique.label(), Integer.toString(defined), Integer.toString(masked), where,
                        Long.toString(alerts)));
            }
        }
    }

    private static double best(TechniqueResult result) {
        double best = Double.NaN;
        for (int i = 0; i < result.classes().size(); i++) {
            double score = result.score(i);
            if (!Double.isNaN(score) && (Double.isNaN(best) || score > best)) {
                best = score;
            }
        }
        return best;
    }

    private void shortcut() {
        List<String> scenarios = List.of(StudyTimeline.HEALTHY, "shortcut");
        if (runs.stream().noneMatch(r -> r.scenario().equals("shortcut"))) {
            return;
        }
        md.append("\n## Shortcut against healthy\n\nMean over runs of the last checkpoint.\n\n| technique |");
        scenarios.forEach(s -> md.append(' ').append(s).append(" macro C-Score | ").append(s).append(" worst class |"));
        md.append("\n|---|").append("---:|".repeat(2 * scenarios.size())).append('\n');
        md.append("| (macro AUC) |");
        for (String scenario : scenarios) {
            md.append(' ').append(f2(meanLast(scenario, c -> c.macroAuc()))).append(" | |");
        }
        md.append('\n');
        for (Technique technique : Technique.values()) {
            md.append("| ").append(technique.label()).append(" |");
            for (String scenario : scenarios) {
                md.append(' ').append(f2(meanLast(scenario, c -> StudyAnalysis.macroScore(c, technique)))).append(" | ")
                        .append(f2(meanLast(scenario, c -> worst(c, technique)))).append(" |");
            }
            md.append('\n');
        }
    }

    private static double worst(CheckpointResult c, Technique technique) {
        TechniqueResult result = c.techniques().get(technique);
        return result == null || !result.isScored() ? Double.NaN : result.global().worst();
    }

    private double meanLast(String scenario, java.util.function.ToDoubleFunction<CheckpointResult> value) {
        return runs.stream().filter(r -> r.scenario().equals(scenario) && !r.checkpoints().isEmpty())
                .mapToDouble(r -> value.applyAsDouble(r.checkpoints().get(r.checkpoints().size() - 1)))
                .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
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

    private static int peakAuc(List<CheckpointResult> checkpoints) {
        int peak = -1;
        for (int i = 0; i < checkpoints.size(); i++) {
            double auc = checkpoints.get(i).macroAuc();
            if (!Double.isNaN(auc) && (peak < 0 || auc > checkpoints.get(peak).macroAuc())) {
                peak = i;
            }
        }
        return peak;
    }

    private static String classAucs(CheckpointResult c) {
        return c.classes().stream().map(m -> f2(m.auc())).collect(Collectors.joining(" / "));
    }

    private static String goldSizes(CheckpointResult c) {
        return c.classes().stream().map(m -> Integer.toString(m.goldSize())).collect(Collectors.joining(" / "));
    }

    private static int totalGold(CheckpointResult c) {
        return c.classes().stream().mapToInt(ClassMetrics::goldSize).sum();
    }

    private static String count(List<WarningOutcome> rows, Kind kind) {
        return Long.toString(rows.stream().filter(o -> o.kind() == kind).count());
    }

    private static String median(List<Integer> sorted) {
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return f1(median);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String f2(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String f1(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
