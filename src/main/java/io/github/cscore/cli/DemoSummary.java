package io.github.cscore.cli;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/** The end of a demo: where the time went, and where the timeline is. */
final class DemoSummary {

    private final PrintWriter out;
    private final List<CheckpointResult> results;
    private final int epochs;
    private final double totalSeconds;
    private final Path timeline;

    DemoSummary(PrintWriter out, List<CheckpointResult> results, int epochs, double totalSeconds, Path timeline) {
        this.out = out;
        this.results = results;
        this.epochs = epochs;
        this.totalSeconds = totalSeconds;
        this.timeline = timeline;
    }

    void print() {
        double monitor = results.stream().mapToDouble(CheckpointResult::seconds).sum();
        double total = totalSeconds;
        double training = total - monitor;
        out.printf("%ntraining %.1f s (%.1f s per epoch), monitor %.1f s (%.1f s per checkpoint): %.1f%% of the total%n",
                training, training / Math.max(epochs, 1), monitor, monitor / Math.max(results.size(), 1),
                total > 0 ? 100 * monitor / total : 0);
        out.println("monitor time per checkpoint: " + perTechnique());
        out.println("timeline: " + timeline.toAbsolutePath());
        out.flush();
    }

    private String perTechnique() {
        Map<Technique, Double> seconds = new TreeMap<>();
        double pass = 0;
        for (CheckpointResult result : results) {
            pass += result.passSeconds();
            for (TechniqueResult technique : result.techniques().values()) {
                seconds.merge(technique.technique(), technique.seconds(), Double::sum);
            }
        }
        int n = Math.max(results.size(), 1);
        StringBuilder text = new StringBuilder(String.format("shared pass %.2f s", pass / n));
        seconds.forEach((technique, value) -> text.append(String.format(", %s %.2f s", technique.label(), value / n)));
        return text.toString();
    }
}
