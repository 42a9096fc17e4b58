package io.github.cscore.report;

import io.github.cscore.metric.BuildInfo;
import io.github.cscore.result.CheckpointResult;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of the report, for someone who holds it against a dashboard: the run and its
 * configuration (from the {@link RunDescription} beside the timeline), when it ran, the software it
 * ran with and the software that wrote the report, and the wall-clock time at which each
 * checkpoint finished, in UTC, to find it on Prometheus' time axis.
 */
final class RunHeader {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final List<CheckpointResult> checkpoints;
    private final Optional<RunDescription> description;
    private final String descriptionProblem;

    RunHeader(List<CheckpointResult> checkpoints, Optional<RunDescription> description, String descriptionProblem) {
        this.checkpoints = checkpoints;
        this.description = description;
        this.descriptionProblem = descriptionProblem;
    }

    String html() {
        CheckpointResult first = checkpoints.get(0);
        CheckpointResult last = checkpoints.get(checkpoints.size() - 1);
        StringBuilder page = new StringBuilder("<section class=\"run-header\">\n<table class=\"facts\">\n");
        fact(page, "Run", first.run());
        fact(page, "Model", first.model());
        description.ifPresent(d -> fact(page, "Command", d.command()));
        description.ifPresent(d -> fact(page, "Started", UTC.format(d.startedAt())));
        fact(page, "Checkpoints", checkpoints.size() + ", finished " + UTC.format(first.finishedAt()) + " to "
                + UTC.format(last.finishedAt()));
        fact(page, "Measured with", description.map(d -> software(d.build()))
                .orElse("not recorded (no run description beside the timeline)"));
        fact(page, "Report", "written " + UTC.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)) + " by "
                + software(BuildInfo.current()));
        description.ifPresent(d -> d.settings().forEach((name, value) -> fact(page, name, value)));
        page.append("</table>\n");
        if (!descriptionProblem.isEmpty()) {
            page.append("<p class=\"note\">").append(Html.escape(descriptionProblem)).append("</p>\n");
        } else if (description.isEmpty()) {
            page.append("<p class=\"note\">No run description beside the timeline: the run's settings were not "
                    + "recorded (runs of cscore demo and cscore evaluate record them).</p>\n");
        }
        times(page);
        return page.append("</section>\n").toString();
    }

    /** The checkpoints' wall-clock times, to be found on a dashboard's time axis. */
    private void times(StringBuilder page) {
        page.append("<details class=\"times\"><summary>When each checkpoint finished (UTC), to find it on the "
                + "dashboard</summary>\n<div class=\"scroll\"><table class=\"times\"><tr><th>epoch</th><th>phase</th>"
                + "<th>finished</th><th>seconds</th><th>shared pass</th></tr>\n");
        for (CheckpointResult checkpoint : checkpoints) {
            page.append("<tr><td>").append(checkpoint.epoch()).append("</td><td>").append(checkpoint.phase().label())
                    .append("</td><td>").append(UTC.format(checkpoint.finishedAt())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", checkpoint.seconds())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", checkpoint.passSeconds())).append("</td></tr>\n");
        }
        page.append("</table></div></details>\n");
    }

    private static String software(BuildInfo build) {
        return "cscore " + build.version() + " (DJL " + build.djlVersion() + ", " + build.engine() + " "
                + build.engineVersion() + ")";
    }

    private static void fact(StringBuilder page, String name, String value) {
        page.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>\n");
    }

    /** Only a description of the timeline's own run describes it. */
    static String mismatch(Optional<RunDescription> description, String run) {
        return description.filter(d -> !d.run().equals(run))
                .map(d -> "The run description beside the timeline is of run " + d.run() + ", not " + run
                        + "; it is left out.")
                .orElse("");
    }

    /** The thresholds the charts draw: the description's, or the defaults. */
    static Map<String, Double> thresholds(Optional<RunDescription> description) {
        RunDescription used = description.orElse(RunDescription.startingNow("-", "", Map.of()));
        return Map.of("floor", used.consistencyFloor(), "goldMinimum", (double) used.goldMinimum());
    }
}
