package io.github.cscore.study;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;

import java.util.List;
import java.util.Locale;

/** Formatting and small lookups shared by the summary's tables. */
final class MarkdownCells {

    private MarkdownCells() {}

    static int peakAuc(List<CheckpointResult> checkpoints) {
        int peak = -1;
        for (int i = 0; i < checkpoints.size(); i++) {
            double auc = checkpoints.get(i).macroAuc();
            if (!Double.isNaN(auc) && (peak < 0 || auc > checkpoints.get(peak).macroAuc())) {
                peak = i;
            }
        }
        return peak;
    }

    static int totalGold(CheckpointResult c) {
        return c.classes().stream().mapToInt(ClassMetrics::goldSize).sum();
    }

    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String f2(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String f1(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
