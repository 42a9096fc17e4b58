package io.github.cscore.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * What other threads, or sinks, asked the monitor to do at the end of the current epoch, on the
 * training thread: score a checkpoint, save a snapshot, stop training.
 */
final class Requests {

    private boolean checkpoint;
    private final List<String> snapshots = new ArrayList<>();
    private String stop;

    synchronized void checkpoint() {
        checkpoint = true;
    }

    synchronized void snapshot(String label) {
        if (!snapshots.contains(label)) {
            snapshots.add(label);
        }
    }

    synchronized void stop(String reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    synchronized boolean takeCheckpoint() {
        boolean requested = checkpoint;
        checkpoint = false;
        return requested;
    }

    synchronized List<String> takeSnapshots() {
        List<String> taken = List.copyOf(snapshots);
        snapshots.clear();
        return taken;
    }

    synchronized String takeStop() {
        String reason = stop;
        stop = null;
        return reason;
    }
}
