package io.github.cscore.cli;

import io.github.cscore.monitor.CScoreMonitorBuilder;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/**
 * {@code --technique-timeout}: the longest one technique may take at one checkpoint before the
 * monitor gives up on it there ({@link CScoreMonitorBuilder#optTechniqueTimeout}).
 */
final class TechniqueTimeoutOption implements OptionNames.Source {

    private static final double NANOS_PER_SECOND = 1e9;

    @Option(names = "--technique-timeout", paramLabel = "SECONDS", description = "Most seconds one technique may "
            + "take at one checkpoint; past it, it is skipped there as timeout (default: ${DEFAULT-VALUE}).")
    double seconds = CScoreMonitorBuilder.DEFAULT_TECHNIQUE_TIMEOUT.toNanos() / NANOS_PER_SECOND;

    /**
     * The timeout, checked. The seconds are refused here rather than where the library checks the
     * duration: its message would show the duration as Java writes it ({@code PT-1S}), not the
     * seconds typed. Rounded to whole nanoseconds, at least one, and at most what a duration of
     * nanoseconds holds (some 292 years), so that no positive value becomes zero or overflows.
     */
    Duration timeout() {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--technique-timeout must be positive seconds, but was "
                    + shown());
        }
        return Duration.ofNanos(Math.max(1, Math.round(seconds * NANOS_PER_SECOND)));
    }

    /** The seconds as a run's settings record them: {@code 300}, {@code 0.5}. */
    String shown() {
        return seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15
                ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("techniqueTimeout", "--technique-timeout");
    }
}
