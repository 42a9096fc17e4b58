package io.github.cscore.cli;

import io.github.cscore.result.AlertEvent;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints each alert as it fires or resolves, under the checkpoint line that caused it. */
final class AlertPrinter implements Consumer<AlertEvent>, AutoCloseable {

    private final PrintWriter out;
    private int fired;

    AlertPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(AlertEvent event) {
        if (event.isFiring()) {
            fired++;
        }
        out.printf("      %s %-8s %s: %s%n", event.isFiring() ? "ALERT" : "ended", event.severity().label(),
                event.rule(), event.message());
        out.flush();
    }

    /** How many alerts started firing. */
    synchronized int fired() {
        return fired;
    }

    @Override
    public void close() {
        out.flush();
    }
}
