package io.github.cscore.study;

import io.github.cscore.study.WarningJudge.Judgement;
import io.github.cscore.study.WarningJudge.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one signal did over the runs of one scenario: for degrading runs, the held-out drops and
 * whether the signal warned before, at or after them, with the lead times; for healthy runs, how
 * many it raised an alarm in.
 *
 * @param signal the signal's name
 * @param scenario the scenario
 * @param judgements one per run, in run order
 * @param leadSteps the lead of each early or on-time warning, in steps
 * @param leadCheckpoints the same in checkpoints
 */
public record SignalSummary(String signal, String scenario, List<Judgement> judgements, List<Integer> leadSteps,
        List<Integer> leadCheckpoints) {

    /**
     * Judges a signal over runs of one scenario.
     *
     * @param signal the signal
     * @param scenario the scenario
     * @param runs the scenario's runs
     * @param judge the judge
     * @return the summary
     */
    public static SignalSummary of(Signal signal, String scenario, List<StudyRunData> runs, WarningJudge judge) {
        List<Judgement> judgements = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        List<Integer> checkpoints = new ArrayList<>();
        for (StudyRunData run : runs) {
            Warnings warnings = signal.warnings(run);
            Judgement judgement = judge.judge(run.series(), warnings.first(), warnings.beforeOnset());
            judgements.add(judgement);
            if (judgement.kind() == Kind.EARLY || judgement.kind() == Kind.ON_TIME || judgement.kind() == Kind.LATE) {
                steps.add(judgement.leadSteps());
                checkpoints.add(judgement.leadCheckpoints());
            }
        }
        return new SignalSummary(signal.name(), scenario, judgements, steps, checkpoints);
    }

    /**
     * Counts the runs judged one way.
     *
     * @param kind the judgement
     * @return how many runs
     */
    public int count(Kind kind) {
        return (int) judgements.stream().filter(j -> j.kind() == kind).count();
    }

    /**
     * Returns the number of runs.
     *
     * @return the runs
     */
    public int runs() {
        return judgements.size();
    }

    /**
     * Counts runs whose held-out AUC dropped.
     *
     * @return how many
     */
    public int dropped() {
        return count(Kind.EARLY) + count(Kind.ON_TIME) + count(Kind.LATE) + count(Kind.NEVER);
    }

    /**
     * Counts the runs with a false alarm: any warning in a healthy run, a warning before the onset
     * in a degrading one.
     *
     * @return how many
     */
    public int falseAlarms() {
        return (int) judgements.stream().filter(Judgement::falseAlarm).count();
    }

    /**
     * Returns the median lead of the early and on-time and late warnings, in steps.
     *
     * @return the median, NaN without any
     */
    public double medianLeadSteps() {
        return median(leadSteps);
    }

    /**
     * Returns the median lead in checkpoints.
     *
     * @return the median, NaN without any
     */
    public double medianLeadCheckpoints() {
        return median(leadCheckpoints);
    }

    static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /**
     * One line of a Markdown table: runs, drops, early, on time, late, never, median leads,
     * false alarms (the last two columns for a healthy scenario: alarmed runs of all).
     *
     * @return the row
     */
    public String markdownRow() {
        if (RunSeries.HEALTHY.equals(scenario)) {
            return String.format(Locale.ROOT, "| %s | %s | %d | - | - | - | - | - | - | %d of %d |", signal, scenario,
                    runs(), falseAlarms(), runs());
        }
        int noDrop = count(Kind.NO_DROP_QUIET) + count(Kind.NO_DROP_WARNED);
        String dropped = noDrop == 0 ? Integer.toString(dropped())
                : dropped() + " (" + count(Kind.NO_DROP_WARNED) + " of " + noDrop + " without a drop warned)";
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %d | %d | %d | %s | %d |", signal, scenario,
                runs(), dropped, count(Kind.EARLY), count(Kind.ON_TIME), count(Kind.LATE), count(Kind.NEVER),
                lead(), falseAlarms());
    }

    private String lead() {
        if (leadSteps.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s steps (%s checkpoints)", number(medianLeadSteps()),
                number(medianLeadCheckpoints()));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
