package io.github.cscore.study;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.AlertRule;
import io.github.cscore.alert.BuiltInRules;
import io.github.cscore.alert.ClassLeft;
import io.github.cscore.alert.ConfidenceDrop;
import io.github.cscore.alert.ExplanationDrift;
import io.github.cscore.study.WarningJudge.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The candidates the default alerts were chosen from, each judged alone on the calibration runs:
 * every built-in rule at its default settings, the explanation-drift, confidence-drop and
 * class-left rules over a grid of thresholds, and the AUC alarm over a grid of margins. One row
 * per candidate: the healthy runs it alarmed, and per degrading scenario the runs it warned ahead
 * of the held-out drop, on time, and how many dropped.
 */
public final class OperatingPoints {

    private OperatingPoints() {}

    /**
     * Returns the candidate signals.
     *
     * @return the signals, built-in rules first
     */
    public static List<Signal> candidates() {
        List<Signal> candidates = new ArrayList<>();
        for (AlertRule rule : BuiltInRules.ofDefaults()) {
            if (rule.detector().isPresent()) {
                candidates.add(alone(rule.rule() + " (default)", rule));
            }
        }
        for (double threshold : new double[] {0.4, 0.5, 0.6, 0.7}) {
            for (int techniques : new int[] {1, 2, 3, 5}) {
                candidates.add(alone(String.format(Locale.ROOT, "%s >= %.1f in %d", ExplanationDrift.NAME, threshold,
                        techniques), new ExplanationDrift(new ExplanationDrift.Settings(threshold, techniques, 1))));
            }
        }
        for (double drop : new double[] {0.1, 0.15, 0.2, 0.3, 0.4}) {
            candidates.add(alone(String.format(Locale.ROOT, "%s %.2f", ConfidenceDrop.NAME, drop),
                    new ConfidenceDrop(new ConfidenceDrop.Settings(drop, ConfidenceDrop.Settings.DEFAULT_WINDOW,
                            ConfidenceDrop.Settings.DEFAULT_AFTER_UNFREEZE))));
        }
        for (int window : new int[] {2, 3}) {
            candidates.add(alone(ClassLeft.NAME + " window " + window, new ClassLeft(new ClassLeft.Settings(
                    ClassLeft.Settings.DEFAULT_GOLD_MINIMUM, window))));
        }
        for (double margin : new double[] {0.02, 0.05, 0.1, 0.15, 0.2}) {
            candidates.add(new AucAlarm(margin));
        }
        return candidates;
    }

    private static Signal alone(String name, AlertRule rule) {
        return new AlertSignal(name, () -> AlertEngine.builder().optRules(List.of(rule)).build());
    }

    /**
     * Writes the table.
     *
     * @param results the calibration runs
     * @return a Markdown section
     */
    public static String markdown(StudyResults results) {
        Map<String, List<StudyRunData>> byScenario = results.byScenario();
        List<String> degrading = byScenario.keySet().stream().filter(s -> !RunSeries.HEALTHY.equals(s)).toList();
        StringBuilder md = new StringBuilder("\n## Operating points (calibration runs)\n\nEach candidate alone. "
                + "healthy: runs with any warning. Per degrading scenario: early / on time / runs whose held-out AUC "
                + "dropped, and the median lead of the early and on-time warnings in steps.\n\n| candidate | healthy |");
        degrading.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(degrading.size())).append('\n');
        WarningJudge judge = results.judge();
        for (Signal signal : candidates()) {
            md.append("| ").append(signal.name()).append(" | ");
            List<StudyRunData> healthy = byScenario.getOrDefault(RunSeries.HEALTHY, List.of());
            SignalSummary quiet = SignalSummary.of(signal, RunSeries.HEALTHY, healthy, judge);
            md.append(quiet.falseAlarms()).append(" of ").append(quiet.runs()).append(" |");
            for (String scenario : degrading) {
                SignalSummary summary = SignalSummary.of(signal, scenario, byScenario.get(scenario), judge);
                md.append(' ').append(summary.count(Kind.EARLY)).append(" / ").append(summary.count(Kind.ON_TIME))
                        .append(" / ").append(summary.dropped());
                if (summary.count(Kind.NO_DROP_WARNED) > 0) {
                    md.append(" (").append(summary.count(Kind.NO_DROP_WARNED)).append(" without drop warned)");
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
