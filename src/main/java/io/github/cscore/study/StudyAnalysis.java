package io.github.cscore.study;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.study.WarningOutcome.Criterion;
import io.github.cscore.study.WarningOutcome.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Finds, in one run's timeline, the checkpoint at which AUC drops and the first checkpoint at
 * which each signal warns, and classifies the pair (see {@link WarningCriteria} for the
 * definitions). Positions are checkpoint indices in the timeline, so a lead time counts
 * checkpoints whatever the checkpoint interval.
 */
public final class StudyAnalysis {

    /** Returned by the finders when nothing was found. */
    public static final int NONE = -1;

    private final WarningCriteria criteria;

    /**
     * Creates an analysis with the given criteria.
     *
     * @param criteria what counts as a drop
     */
    public StudyAnalysis(WarningCriteria criteria) {
        this.criteria = Objects.requireNonNull(criteria, "criteria");
    }

    /**
     * Returns the checkpoint index at which the macro AUC first falls below its running maximum
     * minus the AUC margin.
     *
     * @param checkpoints the run's checkpoints, in order
     * @return the index, or {@link #NONE}
     */
    public int aucDrop(List<CheckpointResult> checkpoints) {
        return dropBelowRunningMax(checkpoints, CheckpointResult::macroAuc, criteria.aucMargin());
    }

    /**
     * Returns the checkpoint index at which a technique's macro C-Score first falls below its
     * running maximum minus the C-Score margin, or becomes undefined after a defined value.
     *
     * @param checkpoints the run's checkpoints, in order
     * @param technique the technique
     * @return the index, or {@link #NONE}
     */
    public int scoreDrop(List<CheckpointResult> checkpoints, Technique technique) {
        return dropBelowRunningMax(checkpoints, c -> macroScore(c, technique), criteria.scoreMargin());
    }

    /**
     * Returns the checkpoint index at which the first alert about a technique fired.
     *
     * @param run the run
     * @param technique the technique label, or {@link WarningOutcome#ANY} for any alert at all,
     *     including those about no single technique (gold-list collapse, a degenerate model)
     * @return the index, or {@link #NONE} when no such alert fired at a checkpoint of the timeline
     */
    public static int firstAlert(StudyTimeline run, String technique) {
        AlertEvent first = firstAlertEvent(run, technique);
        return first == null ? NONE : indexOfEpoch(run.checkpoints(), first.epoch());
    }

    /**
     * Classifies every signal of a run: each technique by alert and by C-Score drop, and
     * {@link WarningOutcome#ANY} as the earliest of them.
     *
     * @param run the run
     * @return the outcomes: per criterion, the techniques in order, then {@code any}
     */
    public List<WarningOutcome> outcomes(StudyTimeline run) {
        List<CheckpointResult> checkpoints = run.checkpoints();
        int drop = aucDrop(checkpoints);
        List<Technique> techniques = techniques(checkpoints);
        List<WarningOutcome> outcomes = new ArrayList<>();
        int anyAlert = firstAlert(run, WarningOutcome.ANY);
        AlertEvent anyEvent = firstAlertEvent(run, WarningOutcome.ANY);
        for (Technique technique : techniques) {
            AlertEvent event = firstAlertEvent(run, technique.label());
            outcomes.add(outcome(run, technique.label(), Criterion.ALERT, drop,
                    firstAlert(run, technique.label()), event == null ? "" : event.rule()));
        }
        outcomes.add(outcome(run, WarningOutcome.ANY, Criterion.ALERT, drop, anyAlert,
                anyEvent == null ? "" : anyEvent.rule()));
        int anyScore = NONE;
        for (Technique technique : techniques) {
            int warn = scoreDrop(checkpoints, technique);
            anyScore = earliest(anyScore, warn);
            outcomes.add(outcome(run, technique.label(), Criterion.SCORE_DROP, drop, warn, ""));
        }
        outcomes.add(outcome(run, WarningOutcome.ANY, Criterion.SCORE_DROP, drop, anyScore, ""));
        return outcomes;
    }

    /**
     * Classifies the alerts of a failing run that its healthy twin did not also fire: each
     * technique, then {@link WarningOutcome#ANY}.
     *
     * @param run the failing run
     * @param twin the healthy run of the same architecture, dataset and seed
     * @return the outcomes, with criterion {@link Criterion#NEW_ALERT}
     */
    public List<WarningOutcome> newAlertOutcomes(StudyTimeline run, StudyTimeline twin) {
        List<CheckpointResult> checkpoints = run.checkpoints();
        int drop = aucDrop(checkpoints);
        List<WarningOutcome> outcomes = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        techniques(checkpoints).forEach(t -> signals.add(t.label()));
        signals.add(WarningOutcome.ANY);
        for (String signal : signals) {
            AlertEvent event = firstNewAlert(run, twin, signal);
            int warn = event == null ? NONE : indexOfEpoch(checkpoints, event.epoch());
            outcomes.add(outcome(run, signal, Criterion.NEW_ALERT, drop, warn, event == null ? "" : event.rule()));
        }
        return outcomes;
    }

    private static AlertEvent firstNewAlert(StudyTimeline run, StudyTimeline twin, String technique) {
        for (AlertEvent event : run.timeline().alerts()) {
            boolean matches = WarningOutcome.ANY.equals(technique) || event.technique().equals(technique);
            if (event.isFiring() && matches && !twin.timeline().alerts().stream().anyMatch(other -> other.isFiring()
                    && other.epoch() == event.epoch() && other.rule().equals(event.rule())
                    && other.technique().equals(event.technique()) && other.className().equals(event.className()))) {
                return event;
            }
        }
        return null;
    }

    /** The techniques scored anywhere in the run, in the order of {@link Technique}. */
    static List<Technique> techniques(List<CheckpointResult> checkpoints) {
        Set<Technique> techniques = new TreeSet<>();
        checkpoints.forEach(c -> techniques.addAll(c.techniques().keySet()));
        return List.copyOf(techniques);
    }

    /**
     * Returns a technique's macro C-Score at a checkpoint.
     *
     * @param checkpoint the checkpoint
     * @param technique the technique
     * @return the macro score; NaN if the technique was skipped, absent or undefined
     */
    public static double macroScore(CheckpointResult checkpoint, Technique technique) {
        TechniqueResult result = checkpoint.techniques().get(technique);
        return result == null || !result.isScored() ? Double.NaN : result.global().macro();
    }

    private WarningOutcome outcome(StudyTimeline run, String signal, Criterion criterion, int drop, int warn,
            String rule) {
        List<CheckpointResult> checkpoints = run.checkpoints();
        Kind kind = kind(drop, warn);
        int lead = drop != NONE && warn != NONE ? drop - warn : 0;
        return new WarningOutcome(run.id(), run.scenario(), signal, criterion, epochAt(checkpoints, drop),
                epochAt(checkpoints, warn), lead, rule, kind);
    }

    /** Classifies a (drop, warning) pair of checkpoint indices. */
    static Kind kind(int drop, int warn) {
        if (drop == NONE) {
            return warn == NONE ? Kind.QUIET : Kind.WARNED;
        }
        if (warn == NONE) {
            return Kind.MISSED;
        }
        return warn < drop ? Kind.EARLY : warn == drop ? Kind.ON_TIME : Kind.LATE;
    }

    /**
     * A value that was defined at some checkpoint and, later, is NaN or below its running maximum
     * minus the margin: the index of the first such checkpoint.
     */
    private static int dropBelowRunningMax(List<CheckpointResult> checkpoints,
            ToDoubleFunction<CheckpointResult> value, double margin) {
        double max = Double.NaN;
        for (int i = 0; i < checkpoints.size(); i++) {
            double v = value.applyAsDouble(checkpoints.get(i));
            if (Double.isNaN(v)) {
                if (!Double.isNaN(max)) {
                    return i;
                }
                continue;
            }
            max = Double.isNaN(max) ? v : Math.max(max, v);
            if (v < max - margin) {
                return i;
            }
        }
        return NONE;
    }

    private static AlertEvent firstAlertEvent(StudyTimeline run, String technique) {
        for (AlertEvent event : run.timeline().alerts()) {
            if (event.isFiring() && (WarningOutcome.ANY.equals(technique) || event.technique().equals(technique))) {
                return event;
            }
        }
        return null;
    }

    private static int indexOfEpoch(List<CheckpointResult> checkpoints, int epoch) {
        for (int i = 0; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).epoch() == epoch) {
                return i;
            }
        }
        return NONE;
    }

    private static int epochAt(List<CheckpointResult> checkpoints, int index) {
        return index == NONE ? NONE : checkpoints.get(index).epoch();
    }

    private static int earliest(int a, int b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }
}
