package io.github.cscore.cli;

import io.github.cscore.monitor.TimeShare;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a demo: where the time went, the monitor's time during training against its budget
 * and its time at the last checkpoint apart; at how many checkpoints each technique was scored,
 * and what it took at those where it explained gold images; and where the timeline is.
 */
final class DemoSummary {

    private final PrintWriter out;
    private final List<CheckpointResult> results;
    private final int epochs;
    private final TimeShare time;
    private final Path timeline;

    DemoSummary(PrintWriter out, List<CheckpointResult> results, int epochs, TimeShare time, Path timeline) {
        this.out = out;
        this.results = results;
        this.epochs = epochs;
        this.time = time;
        this.timeline = timeline;
    }

    void print() {
        double training = time.trainingSeconds();
        double during = time.monitorSeconds() - time.endSeconds();
        out.printf(Locale.ROOT, "%ntraining %.1f s (%.1f s per epoch), monitor %.1f s during training: %.1f%% of "
                + "that time (budget %s)%n", training, training / Math.max(epochs, 1), during,
                100 * time.duringTrainingShare(), budget());
        if (time.endSeconds() > 0) {
            out.printf(Locale.ROOT, "and %.1f s at the last checkpoint, which scores every technique whatever it "
                    + "costs: %.1f%% of the total%n", time.endSeconds(), 100 * time.share());
        }
        out.println("checkpoints scored per technique: " + scoredCounts());
        out.println("monitor time per checkpoint it explained gold images at (checkpoints): " + perTechnique());
        out.println("timeline: " + timeline.toAbsolutePath());
        out.flush();
    }

    private String budget() {
        return time.limit() >= 1 ? "none" : String.format(Locale.ROOT, "%.0f%%", 100 * time.limit());
    }

    /** {@code gradcam 6/6, ..., scorecam 1/6 (5 scheduled out)}. */
    private String scoredCounts() {
        Map<Technique, int[]> counts = new TreeMap<>();
        for (CheckpointResult result : results) {
            for (TechniqueResult technique : result.techniques().values()) {
                int[] count = counts.computeIfAbsent(technique.technique(), t -> new int[2]);
                count[0] += technique.isScored() ? 1 : 0;
                count[1] += technique.skipReason() == SkipReason.SCHEDULED_OUT ? 1 : 0;
            }
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((technique, count) -> text.append(text.length() == 0 ? "" : ", ").append(technique.label())
                .append(' ').append(count[0]).append('/').append(results.size())
                .append(count[1] == 0 ? "" : " (" + count[1] + " scheduled out)"));
        return text.toString();
    }

    /**
     * The shared pass per checkpoint, and each technique's time per checkpoint at which it explained
     * gold images, each with its count: {@code shared pass 0.43 s (6), ..., scorecam 29.76 s (1)}.
     * A checkpoint where the technique was skipped (scheduled out, timeout, circuit open, error)
     * did not explain them, nor did one without a gold image, where a technique of the gold images
     * only (Score-CAM) is scored in no time; counting those would make it look cheaper than it is.
     */
    private String perTechnique() {
        Map<Technique, double[]> seconds = new TreeMap<>();
        double pass = 0;
        for (CheckpointResult result : results) {
            pass += result.passSeconds();
            for (TechniqueResult technique : result.techniques().values()) {
                double[] sum = seconds.computeIfAbsent(technique.technique(), t -> new double[2]);
                if (explainedGoldImages(technique)) {
                    sum[0] += technique.seconds();
                    sum[1]++;
                }
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "shared pass %.2f s (%d)",
                pass / Math.max(results.size(), 1), results.size()));
        seconds.forEach((technique, sum) -> text.append(", ").append(technique.label()).append(sum[1] == 0 ? " none"
                : String.format(Locale.ROOT, " %.2f s (%d)", sum[0] / sum[1], (int) sum[1])));
        return text.toString();
    }

    /** Scored with at least one image in a gold list: every technique explains the gold images. */
    static boolean explainedGoldImages(TechniqueResult technique) {
        return technique.isScored() && technique.classes().stream().mapToInt(ClassScore::goldSize).sum() > 0;
    }
}
