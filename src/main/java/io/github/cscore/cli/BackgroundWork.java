package io.github.cscore.cli;

import io.github.cscore.evaluate.BackgroundEvaluator;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;
import io.github.cscore.timeline.TimelineWriter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's background worker ({@code --background-worker}): the evaluator training hands its
 * copies to, the results it scored, and the end of the demo's account of it: what it scored,
 * dropped and cost, and how late its results came.
 *
 * @param evaluator the evaluator, a training listener
 * @param results what it scored, in order; filled from its thread
 * @param timeline the timeline it writes
 * @param writer the writer of that timeline
 * @param out where the account goes
 */
record BackgroundWork(BackgroundEvaluator evaluator, List<CheckpointResult> results, Path timeline,
        TimelineWriter writer, PrintWriter out) {

    /**
     * Waits for the copies still queued, closes the evaluator and prints what it did.
     *
     * @return the exit status: 0, or 1 if its timeline could not be written whole
     */
    int finish() {
        BackgroundEvaluator.Statistics before = evaluator.statistics();
        int left = before.taken() - before.scored() - before.dropped() - before.failed();
        if (left > 0) {
            out.printf("waiting for the background worker: %d epoch(s) still to score%n", left);
            out.flush();
        }
        long start = System.nanoTime();
        evaluator.close();
        double waited = (System.nanoTime() - start) / 1e9;
        BackgroundEvaluator.Statistics done = evaluator.statistics();
        out.println(account(done, waited));
        lastScores().ifPresent(out::println);
        out.println("background timeline: " + timeline.toAbsolutePath());
        out.flush();
        return DemoRun.reportTimeline(out, "the background timeline", writer);
    }

    /**
     * {@code background worker: scorecam scored at 5 of 6 epochs (1 dropped, 0 failed), 104.9 s
     * per epoch where it explained gold images (3); ...}. The time is averaged only over the epochs
     * with gold images: at one without, Score-CAM has nothing to explain and takes no time.
     */
    String account(BackgroundEvaluator.Statistics done, double waitedSeconds) {
        double[] explained = explainedSeconds();
        return String.format(Locale.ROOT, "background worker: scorecam scored at %d of %d epochs (%d dropped, %d "
                + "failed), %s; each result came %.1f s after its epoch on average (longest %.1f s), the last %.1f s "
                + "after training ended; copying the parameters took %.2f s of training time", done.scored(),
                done.taken() + done.failed(), done.dropped(), done.failed(), explained[1] == 0
                        ? "no gold image to explain"
                        : String.format(Locale.ROOT, "%.1f s per epoch where it explained gold images (%d)",
                                explained[0] / explained[1], (int) explained[1]),
                done.meanLagSeconds(), done.longestLagSeconds(), waitedSeconds, done.copySeconds());
    }

    /** Score-CAM's seconds summed over the epochs where it explained gold images, and their number. */
    private double[] explainedSeconds() {
        double[] sum = new double[2];
        for (CheckpointResult result : snapshot()) {
            TechniqueResult scoreCam = result.techniques().get(Technique.SCORE_CAM);
            if (scoreCam != null && DemoSummary.explainedGoldImages(scoreCam)) {
                sum[0] += scoreCam.seconds();
                sum[1]++;
            }
        }
        return sum;
    }

    private List<CheckpointResult> snapshot() {
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    /** The last scored epoch's Score-CAM C-Score per class, as the table shows the others. */
    private Optional<String> lastScores() {
        List<CheckpointResult> copy = snapshot();
        for (int i = copy.size() - 1; i >= 0; i--) {
            CheckpointResult result = copy.get(i);
            TechniqueResult scoreCam = result.techniques().get(Technique.SCORE_CAM);
            if (result.isScored() && scoreCam != null && scoreCam.isScored()) {
                StringBuilder line = new StringBuilder("scorecam at epoch " + result.epoch() + ":");
                for (ClassScore score : scoreCam.classes()) {
                    line.append(String.format(Locale.ROOT, " %s %s", result.classNames().get(score.classIndex()),
                            Double.isNaN(score.score()) ? "undefined" : String.format(Locale.ROOT, "%.2f",
                                    score.score())));
                }
                return Optional.of(line.toString());
            }
        }
        return Optional.empty();
    }
}
