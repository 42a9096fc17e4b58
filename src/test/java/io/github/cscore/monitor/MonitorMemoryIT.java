package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

import io.github.cscore.model.Network;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

/**
 * 100 checkpoints with all six techniques on a small network grow neither the Java heap nor the
 * process's resident memory (native arrays included) by more than 64 MB.
 *
 * <p>The integration tests run with the heap committed and touched at start-up ({@code -Xms1g
 * -Xmx1g -XX:+AlwaysPreTouch}), so resident memory here moves only with memory outside the Java
 * heap: the engine's arrays and allocator.
 */
class MonitorMemoryIT {

    private static final long LIMIT = 64L << 20;

    @Test
    void hundredCheckpointsGrowHeapAndResidentMemoryByLessThan64Megabytes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("memory")) {
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 21);
            model.setBlock(network.block());
            CScoreMonitor monitor = MonitorFixtures.allTechniquesMonitor(network);
            try (Trainer trainer = MonitorFixtures.trainer(model, monitor)) {
                // Warm-up: the engine's allocator grows for the first checkpoints (about 45 MB over
                // the first 200 here, most of it in the first 50), then resident memory stays flat.
                for (int i = 0; i < 50; i++) {
                    monitor.checkpoint(trainer);
                }
                // Resident memory moves by tens of megabytes between single readings (the
                // allocator returning and taking pages), so the growth compares the median of the
                // first 20 readings with that of the last 20, one reading per checkpoint.
                long heapBefore = usedHeap();
                long[] resident = new long[100];
                for (int i = 0; i < 100; i++) {
                    monitor.checkpoint(trainer);
                    resident[i] = MonitorFixtures.residentBytes();
                }
                long heapGrowth = usedHeap() - heapBefore;
                long residentGrowth = median(resident, 80, 100) - median(resident, 0, 20);
                System.out.printf("100 checkpoints: used heap %+.1f MB, resident (median of last 20 - first 20) %+.1f MB,"
                        + " resident min %.1f max %.1f MB%n", heapGrowth / 1048576.0, residentGrowth / 1048576.0,
                        Arrays.stream(resident).min().getAsLong() / 1048576.0,
                        Arrays.stream(resident).max().getAsLong() / 1048576.0);

                assertEquals(150, monitor.statistics().checkpoints());
                assertTrue(heapGrowth < LIMIT, "heap grew by " + heapGrowth + " bytes");
                assertTrue(residentGrowth < LIMIT, "resident memory grew by " + residentGrowth + " bytes");
            }
        }
    }

    private static long median(long[] values, int from, int to) {
        long[] part = Arrays.copyOfRange(values, from, to);
        Arrays.sort(part);
        return part[part.length / 2];
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
