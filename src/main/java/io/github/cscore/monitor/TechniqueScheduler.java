package io.github.cscore.monitor;

import io.github.cscore.result.Technique;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, at each checkpoint taken during training, which techniques run, so that the monitor's
 * share of the run's wall time stays within its budget ({@link CScoreMonitorBuilder#optMonitorShare}).
 * Every technique that runs, runs exact; one left out is reported {@code scheduled_out}.
 *
 * <p><b>Costs.</b> A technique's cost is measured per explained image at each run and expected,
 * at a checkpoint, as that times the images it would explain there (every sample image, or the
 * gold images of the previous checkpoint). A technique never measured is probed: it explains one
 * image at its first checkpoint, then goes on if that image cost no more than the base (a
 * technique that works on a batch at once costs about the same for one image as for many, so its
 * full run is what measures it), or else by the same rules as the others.
 *
 * <p><b>The interval k.</b> With a budget share {@code f} the monitor may spend {@code r = f / (1 - f)}
 * seconds per second of training, so {@code a = r t} per checkpoint, {@code t} being the training
 * time per checkpoint so far. The base {@code b} (shared passes and publishing: what a checkpoint
 * costs besides its techniques) is paid at every checkpoint. A technique costing no more than the
 * base is cheap and runs at every checkpoint. The others share the slack {@code s = a - b - cheap},
 * in ascending order of cost, each taking at most an equal share of what is left: {@code k =
 * ceil(c / (s / m))} for the cost {@code c} and {@code m} techniques left, and {@code c / k} comes
 * off the slack. Without slack {@code k} is "never".
 *
 * <p><b>Running.</b> A technique whose {@code k} is above 1 runs once {@code k} checkpoints have
 * passed since its last run (or its probe), most overdue first, and only if the budget can pay:
 * without a known end, the monitor's time so far plus this checkpoint's must stay within {@code r}
 * times the training time so far; with a known end ({@code remaining} checkpoints after this one),
 * the projected total up to the last checkpoint within {@code r} times the projected training
 * time. At the last checkpoint everything runs, outside the budget ({@link TimeShare}): it comes
 * after the last epoch's training, and it is what guarantees every technique one score per run.
 */
final class TechniqueScheduler {

    /** The interval of a technique the budget has no room for: it runs only at the end. */
    static final int NEVER = Integer.MAX_VALUE;

    private final double share;
    private final double ratio;
    private final Map<Technique, Cost> costs = new TreeMap<>();

    TechniqueScheduler(double share, Collection<Technique> techniques) {
        this.share = share;
        this.ratio = share >= 1 ? Double.POSITIVE_INFINITY : share / (1 - share);
        techniques.forEach(technique -> costs.put(technique, new Cost()));
    }

    /** What one technique does at a checkpoint. */
    enum Kind { RUN, PROBE, OUT }

    /**
     * A decision for one technique at one checkpoint.
     *
     * @param kind run, probe on one image first, or leave out
     * @param detail why it is left out, for the result; empty otherwise
     */
    record Decision(Kind kind, String detail) {
        static final Decision RUN = new Decision(Kind.RUN, "");
        static final Decision PROBE = new Decision(Kind.PROBE, "");
    }

    /**
     * Where the run stands at a checkpoint.
     *
     * @param checkpoint this checkpoint's number among those taken during training, from 1
     * @param trainingSeconds training time so far
     * @param monitorSeconds the monitor's time so far within its budget: this checkpoint and the end of
     *     earlier trainers excluded
     * @param baseSeconds the mean cost of a checkpoint besides its techniques; NaN before the first
     * @param remaining checkpoints after this one when the end is known, -1 otherwise
     * @param images the images each technique would explain here
     */
    record Situation(int checkpoint, double trainingSeconds, double monitorSeconds, double baseSeconds,
            int remaining, Map<Technique, Integer> images) {

        boolean endKnown() {
            return remaining >= 0;
        }

        Situation withBase(double estimate) {
            return Double.isNaN(baseSeconds)
                    ? new Situation(checkpoint, trainingSeconds, monitorSeconds, estimate, remaining, images) : this;
        }

        double base() {
            return Double.isNaN(baseSeconds) ? 0 : baseSeconds;
        }
    }

    /** True when the share is 1: every technique at every checkpoint. */
    boolean isUnlimited() {
        return Double.isInfinite(ratio);
    }

    /** The decision for every technique at a checkpoint. */
    Map<Technique, Decision> plan(Situation s) {
        Map<Technique, Decision> plan = new TreeMap<>();
        if (isUnlimited() || s.remaining() == 0) {
            costs.keySet().forEach(technique -> plan.put(technique, Decision.RUN));
            return plan;
        }
        costs.forEach((technique, cost) -> {
            if (!cost.measured()) {
                plan.put(technique, Decision.PROBE);
            }
        });
        Estimates estimates = new Estimates(s);
        estimates.cheap.forEach(technique -> plan.put(technique, Decision.RUN));
        double committed = s.base() + estimates.cheapCost;
        List<Technique> costly = new ArrayList<>(estimates.costly);
        costly.sort(Comparator.comparingLong((Technique t) -> overdue(t, s, estimates)).reversed());
        for (Technique technique : costly) {
            String wait = reasonToWait(technique, s, estimates, committed);
            if (wait == null) {
                plan.put(technique, Decision.RUN);
                committed += estimates.cost(technique);
            } else {
                plan.put(technique, new Decision(Kind.OUT, wait));
            }
        }
        return plan;
    }

    /**
     * Records a probe's cost and decides whether the technique runs in full at this checkpoint.
     *
     * @param secondsPerImage what the probe's one image took
     * @param baseEstimate this checkpoint's base cost, used while none has been measured
     * @return run, or leave out (never probe)
     */
    Decision afterProbe(Technique technique, double secondsPerImage, Situation s, double baseEstimate) {
        Cost cost = costs.get(technique);
        cost.secondsPerImage = secondsPerImage;
        cost.lastRun = s.checkpoint();
        Situation situation = s.withBase(baseEstimate);
        if (secondsPerImage <= situation.base()) {
            // One image costs what a batched technique costs for many: its full run measures it.
            return Decision.RUN;
        }
        Decision decision = plan(situation).get(technique);
        if (decision.kind() != Kind.OUT) {
            return Decision.RUN;
        }
        return new Decision(Kind.OUT, String.format(Locale.ROOT, "probed on one image (%.2f s); %s",
                secondsPerImage, decision.detail()));
    }

    /** Records a run: its cost per image (when it explained any) and when it ran. */
    void ran(Technique technique, double seconds, int images, int checkpoint) {
        Cost cost = costs.get(technique);
        if (images > 0) {
            cost.secondsPerImage = seconds / images;
        }
        cost.lastRun = checkpoint;
    }

    private long overdue(Technique technique, Situation s, Estimates estimates) {
        int k = estimates.interval(technique);
        return k == NEVER ? Long.MIN_VALUE : (long) s.checkpoint() - costs.get(technique).lastRun - k;
    }

    /** Why a costly technique does not run now, or null if it does. */
    private String reasonToWait(Technique technique, Situation s, Estimates estimates, double committed) {
        int k = estimates.interval(technique);
        double cost = estimates.cost(technique);
        String head = String.format(Locale.ROOT, "left out by the monitor's time budget (%s of the run): about "
                + "%.2f s per checkpoint against %.2f s of room", percent(share), cost, Math.max(0, estimates.slack));
        String end = s.endKnown() ? "runs at the last checkpoint" : "runs when training ends";
        long next = (long) costs.get(technique).lastRun + k;
        if (k == NEVER || s.endKnown() && next > (long) s.checkpoint() + s.remaining()) {
            return head + "; " + end;
        }
        if (k > 1 && s.checkpoint() < next) {
            return head + "; runs every " + ordinal(k) + " checkpoint, next at checkpoint " + next;
        }
        double overrun = spendAfter(committed + cost, s, estimates) - allowance(s);
        if (overrun > 0) {
            return head + String.format(Locale.ROOT, "; due, but it would put the monitor %.2f s over its budget "
                    + "(%s); %s", overrun, s.endKnown() ? "by the end of the run" : "so far", end);
        }
        return null;
    }

    /**
     * What the monitor will have spent within its budget: so far and now, and with a known end the
     * base and the cheap techniques at every checkpoint before the last, and each costly technique
     * at those of them its interval reaches. The last checkpoint runs everything outside the budget.
     */
    private double spendAfter(double now, Situation s, Estimates estimates) {
        double spend = s.monitorSeconds() + now;
        int beforeLast = s.remaining() - 1;
        if (s.endKnown() && beforeLast > 0) {
            spend += beforeLast * (s.base() + estimates.cheapCost);
            for (Technique technique : estimates.costly) {
                int k = estimates.interval(technique);
                spend += (k == NEVER ? 0 : beforeLast / k) * estimates.cost(technique);
            }
        }
        return spend;
    }

    /** What the monitor may spend: so far, or by a known end at the training pace so far. */
    private double allowance(Situation s) {
        double training = s.trainingSeconds();
        if (s.endKnown()) {
            training += s.remaining() * s.trainingSeconds() / s.checkpoint();
        }
        return ratio * training;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%s %%", new java.math.BigDecimal(Double.toString(share * 100))
                .stripTrailingZeros().toPlainString());
    }

    private static String ordinal(int k) {
        String suffix = (k % 100 >= 11 && k % 100 <= 13) ? "th"
                : switch (k % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return k + suffix;
    }

    /** A technique's measured cost and last run. */
    private static final class Cost {
        private double secondsPerImage = Double.NaN;
        private int lastRun;

        boolean measured() {
            return !Double.isNaN(secondsPerImage);
        }
    }

    /** The expected costs of the measured techniques at a checkpoint, split into cheap and costly, with intervals. */
    private final class Estimates {
        private final Map<Technique, Double> cost = new TreeMap<>();
        private final Map<Technique, Integer> interval = new TreeMap<>();
        private final List<Technique> cheap = new ArrayList<>();
        private final List<Technique> costly = new ArrayList<>();
        private double cheapCost;
        private double slack;

        Estimates(Situation s) {
            costs.forEach((technique, c) -> {
                if (c.measured()) {
                    cost.put(technique, c.secondsPerImage * s.images().getOrDefault(technique, 0));
                }
            });
            cost.forEach((technique, value) -> (value <= s.base() ? cheap : costly).add(technique));
            cheap.forEach(technique -> cheapCost += cost.get(technique));
            costly.sort(Comparator.comparingDouble(cost::get));
            slack = ratio * s.trainingSeconds() / s.checkpoint() - s.base() - cheapCost;
            double left = slack;
            int m = costly.size();
            for (Technique technique : costly) {
                double fair = left / m--;
                double c = cost.get(technique);
                int k = fair <= 0 ? NEVER : (int) Math.min(NEVER - 1L, Math.max(1, (long) Math.ceil(c / fair)));
                interval.put(technique, k);
                if (k != NEVER) {
                    left -= c / k;
                }
            }
        }

        double cost(Technique technique) {
            return cost.get(technique);
        }

        int interval(Technique technique) {
            return interval.getOrDefault(technique, 1);
        }
    }
}
