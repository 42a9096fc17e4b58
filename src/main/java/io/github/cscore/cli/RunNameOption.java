package io.github.cscore.cli;

import picocli.CommandLine.Option;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code --run-name}: the name a run's metrics, alerts, timeline and report carry (the {@code run}
 * label). Two runs under one name merge into one series in Prometheus, and the earlier run's
 * values then feed the later run's alerts, so the default is new every time: the command, the
 * UTC start time to the second and four random hexadecimal digits.
 */
final class RunNameOption {

    private static final Pattern LABEL_SAFE = Pattern.compile("[A-Za-z0-9_.:+-]{1,64}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--run-name", paramLabel = "NAME", description = "Name of this run in the metrics (label run), "
            + "alerts, timeline and report: up to 64 letters, digits and _ . : + -. Names starting with exp- never "
            + "page in the example Alertmanager configuration (default: <command>-<UTC date-time>-<4 random hex "
            + "digits>, new for every run).")
    String name;

    /**
     * The name given, or a new unique one.
     *
     * @param command the command, the default's prefix
     * @throws IllegalArgumentException naming --run-name if the given name is not label-safe
     */
    String resolve(String command) {
        if (name == null) {
            name = unique(command);
        } else if (!LABEL_SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("--run-name must be 1 to 64 letters, digits and _ . : + - (a Prometheus "
                    + "label value keeps them as they are), but was '" + name + "'");
        }
        return name;
    }

    /** A name no other run has: the prefix, the UTC time to the second, four random hex digits. */
    static String unique(String prefix) {
        return prefix + "-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
