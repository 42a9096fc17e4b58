package io.github.cscore.cli;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints one line per checkpoint: epoch, phase, accuracy, AUC, gold-list sizes, each technique's
 * worst-class C-Score, and the checkpoint's cost.
 */
final class CheckpointTable {

    /** The cell of a technique the time budget left out: shorter than its label {@code scheduled_out}. */
    static final String BUDGET = "(budget)";

    private final PrintWriter out;
    private final List<Technique> techniques;

    CheckpointTable(PrintWriter out, List<Technique> techniques) {
        this.out = out;
        this.techniques = List.copyOf(techniques);
    }

    void printHeader() {
        StringBuilder line = new StringBuilder(String.format("%5s %-9s %6s %6s %9s", "epoch", "phase", "acc", "auc", "gold"));
        for (Technique technique : techniques) {
            line.append(String.format(" %11s", technique.label()));
        }
        line.append(String.format(" %8s", "seconds"));
        out.println(line);
        out.println("      C-Score columns: worst class / macro over classes; '-' undefined (gold list too small); "
                + "'(budget)' left out by the monitor's time budget (docs/monitor.md)");
        out.flush();
    }

    void printRow(CheckpointResult result) {
        StringBuilder line = new StringBuilder(String.format("%5d %-9s %6s %6s %9s", result.epoch(),
                result.phase().label(), number(result.accuracy()), number(result.macroAuc()), goldSizes(result)));
        for (Technique technique : techniques) {
            line.append(String.format(" %11s", cell(result, technique)));
        }
        line.append(String.format(" %8.1f", result.seconds()));
        if (!result.isScored()) {
            line.append("  ").append(result.detail());
        }
        out.println(line);
        out.flush();
    }

    private static String goldSizes(CheckpointResult result) {
        return String.join("/", result.classes().stream().map(ClassMetrics::goldSize).map(String::valueOf).toList());
    }

    private static String cell(CheckpointResult result, Technique technique) {
        TechniqueResult value = result.techniques().get(technique);
        if (value == null) {
            return "";
        }
        if (value.skipReason() == SkipReason.SCHEDULED_OUT) {
            return BUDGET;
        }
        if (!value.isScored()) {
            return value.skipReason().label();
        }
        return number(value.global().worst()) + "/" + number(value.global().macro());
    }

    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
}
