package io.github.cscore.study;

import static io.github.cscore.study.MarkdownCells.f2;
import static io.github.cscore.study.MarkdownCells.peakAuc;
import static io.github.cscore.study.MarkdownCells.row;
import static io.github.cscore.study.MarkdownCells.totalGold;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.timeline.Timeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The summary's tables for the paper's three mechanisms (gold lists under a tau sweep, flat maps
 * at peak AUC, a class masked by the macro score) and the shortcut comparison.
 */
final class MechanismTables {

    /** A class gap (best minus worst class C-Score) this large is reported as masking. */
    static final double MASKING_GAP = 0.2;

    private final StringBuilder md;
    private final List<StudyTimeline> runs;
    private final float goldThreshold;

    MechanismTables(StringBuilder md, List<StudyTimeline> runs, float goldThreshold) {
        this.md = md;
        this.runs = runs;
        this.goldThreshold = goldThreshold;
    }

    void tauSweep(List<StudyTimeline> representatives) {
        md.append("\n## Tau sweep\n\nGold-list size (both classes) and macro C-Score at each gold threshold; the main "
                + "monitor scores the main threshold, an extra monitor each other one, on the same checkpoints and "
                + "sample.\n");
        for (StudyTimeline run : representatives) {
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

    /** The techniques scored in any run, in technique order. */
    private List<Technique> techniques() {
        return StudyAnalysis.techniques(runs.stream().flatMap(r -> r.checkpoints().stream()).toList());
    }

    void flatMaps() {
        md.append("\n## Flat maps at peak AUC\n\nAt each run's peak-AUC checkpoint: flat (all-zero) maps over the gold "
                + "lists of both classes, summed over runs.\n\n| technique | flat maps | gold-list maps | share | runs with "
                + ">= half flat |\n|---|---:|---:|---:|---:|\n");
        for (Technique technique : techniques()) {
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

    void classMasking() {
        md.append("\n## Class masking\n\nCheckpoints (all runs) where both classes have a defined C-Score and the "
                + "best class is at least ").append(f2(MASKING_GAP)).append(" above the worst: the macro score hides a "
                + "class that is that much less consistent.\n\n| technique | checkpoints with two defined classes | "
                + "gap >= " + f2(MASKING_GAP) + " | largest gap (run, epoch, worst class) | CScoreClassMasked alerts |\n"
                + "|---|---:|---:|---|---:|\n");
        for (Technique technique : techniques()) {
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

    void shortcut() {
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
        for (Technique technique : techniques()) {
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

    private double meanLast(String scenario, ToDoubleFunction<CheckpointResult> value) {
        return runs.stream().filter(r -> r.scenario().equals(scenario) && !r.checkpoints().isEmpty())
                .mapToDouble(r -> value.applyAsDouble(r.checkpoints().get(r.checkpoints().size() - 1)))
                .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

}
