package io.github.cscore.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule file is rendered for, the checkpoint period P and the scrape job of the exporters,
 * and the translations from checkpoints, which the detectors count, to time, which Prometheus
 * counts: a window of k checkpoints is {@code [(k - 0.5) P]} (k samples when one arrives per
 * period, whatever the boundary convention), persistence over n checkpoints is {@code for: (n -
 * 1) P}, and "the last k checkpoints" of a counter is {@code x - x offset kP}.
 */
public final class PrometheusContext {

    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    private final Duration period;
    private final String job;

    /**
     * Creates a context.
     *
     * @param period the time between two checkpoints, at least 2 ms
     * @param job the scrape job of the exporters, a plain job name
     * @throws IllegalArgumentException for a period below 2 ms or a job name with odd characters
     */
    public PrometheusContext(Duration period, String job) {
        if (period == null || period.toMillis() < 2) {
            throw new IllegalArgumentException("period must be at least 2 ms, but was " + period);
        }
        if (job == null || !job.matches("[a-zA-Z_][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("job must be a plain name of letters, digits, _ . and -, but was '"
                    + job + "'");
        }
        this.period = period;
        this.job = Objects.requireNonNull(job, "job");
    }

    /**
     * Returns the time between two checkpoints.
     *
     * @return the period
     */
    public Duration period() {
        return period;
    }

    /**
     * Returns the scrape job of the exporters, for {@code up}.
     *
     * @return the job
     */
    public String job() {
        return job;
    }

    /**
     * Returns a range holding the samples of the last k checkpoints: (k - 0.5) periods.
     *
     * @param checkpoints k, at least 1
     * @return a Prometheus duration such as {@code 22m30s}
     */
    public String window(int checkpoints) {
        return duration(period.multipliedBy(2L * checkpoints - 1).dividedBy(2));
    }

    /**
     * Returns how much a counter grew over the last k checkpoints, or since it started while fewer
     * have passed.
     *
     * @param counter a counter's series selector
     * @param checkpoints k, at least 1
     * @return the expression, summed over the label {@code reason}
     */
    public String lastCheckpoints(String counter, int checkpoints) {
        return "sum without(reason) (" + counter + " - (" + counter + " offset "
                + duration(period.multipliedBy(checkpoints)) + " or " + counter + " * 0))";
    }

    /**
     * Reads a duration in Prometheus' notation: units {@code ms}, {@code s}, {@code m}, {@code h},
     * {@code d}, from the largest down, such as {@code 30s}, {@code 5m} or {@code 1h30m}.
     *
     * @param name what the duration is, for the message
     * @param text the duration
     * @return the duration
     * @throws IllegalArgumentException naming {@code name} if the text is no such duration
     */
    public static Duration parseDuration(String name, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (text == null || text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 30s, 5m or 1h30m, but was '" + text
                    + "'");
        }
        long[] millis = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        long total = 0;
        for (int i = 0; i < millis.length; i++) {
            if (m.group(i + 1) != null) {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(i + 1)), millis[i]));
            }
        }
        return Duration.ofMillis(total);
    }

    /**
     * Returns a duration in Prometheus' notation.
     *
     * @param d the duration
     * @return e.g. {@code 22m30s} or {@code 1500ms}; {@code 0s} for zero
     */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        StringBuilder s = new StringBuilder();
        long[] sizes = {3_600_000, 60_000, 1000, 1};
        String[] units = {"h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                s.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return s.length() == 0 ? "0s" : s.toString();
    }
}
