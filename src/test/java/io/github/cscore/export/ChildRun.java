package io.github.cscore.export;

import java.time.Duration;

/**
 * A monitored training in a process of its own, for {@link OnCallIT}: a {@link TrainingRun}
 * serving {@code /metrics} on a given port under a given run name, for a number of epochs, then
 * ending normally (the exporter's final scrape); a negative number of epochs trains until the
 * process is killed.
 *
 * <p>Arguments: port, run name, epochs.
 */
public final class ChildRun {

    private ChildRun() {}

    /**
     * Trains and serves.
     *
     * @param args port, run name, epochs (negative: until killed)
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String name = args[1];
        int epochs = Integer.parseInt(args[2]);
        try (TrainingRun run = new TrainingRun(name, 11, CScoreExporter.builder().optPort(port)
                .optGracePeriod(Duration.ofSeconds(5)))) {
            run.exporter.start(run.monitor);
            System.out.println("serving " + name + " on " + port);
            System.out.flush();
            run.train(epochs < 0 ? 10_000 : epochs, 0, 0);
        }
        System.out.println("ended " + name);
    }
}
