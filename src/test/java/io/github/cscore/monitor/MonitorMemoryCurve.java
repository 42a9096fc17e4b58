package io.github.cscore.monitor;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;

import io.github.cscore.model.Network;
import io.github.cscore.testing.TestNetworks;

/**
 * A bench command: resident memory every 20 checkpoints over 400, to tell allocator warm-up from a
 * leak (a leak keeps growing). Run with a pre-touched heap so the figure moves only with native
 * memory:
 *
 * <pre>
 * JAVA_TOOL_OPTIONS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch" \
 *     mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.monitor.MonitorMemoryCurve
 * </pre>
 */
public final class MonitorMemoryCurve {

    private MonitorMemoryCurve() {}

    /**
     * Prints one line: resident memory in MB after every 20th checkpoint.
     *
     * @param args ignored
     * @throws Exception if the engine fails
     */
    public static void main(String[] args) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("memory")) {
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 21);
            model.setBlock(network.block());
            CScoreMonitor monitor = MonitorFixtures.allTechniquesMonitor(network);
            StringBuilder line = new StringBuilder("resident MB every 20 checkpoints:");
            try (Trainer trainer = MonitorFixtures.trainer(model, monitor)) {
                for (int i = 1; i <= 400; i++) {
                    monitor.checkpoint(trainer);
                    if (i % 20 == 0) {
                        line.append(' ').append(MonitorFixtures.residentBytes() >> 20);
                    }
                }
            }
            System.out.println(line);
        }
    }
}
