package io.github.cscore.metric;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

import java.util.List;
import java.util.Objects;

/**
 * One exported meter, defined once: everything the exporter registers it with, and the name a
 * Prometheus query uses for it. Every meter also carries the common labels {@link
 * CScoreMeters#RUN} and {@link CScoreMeters#MODEL}, left out of {@code labels}.
 *
 * @param name the Micrometer name, dotted and lower case, without unit ({@code cscore.checkpoint.duration})
 * @param type the meter type: gauge, counter or timer
 * @param baseUnit the base unit, such as {@code seconds}, or null
 * @param description the HELP text
 * @param labels the meter's own label keys, in a fixed order
 */
public record MeterDefinition(String name, Meter.Type type, String baseUnit, String description, List<String> labels) {

    /** The convention the Prometheus registry applies to every name. */
    private static final NamingConvention PROMETHEUS = new PrometheusNamingConvention();

    /**
     * Checks and copies the components.
     *
     * @param name the dotted Micrometer name, not blank
     * @param type the meter type, not null
     * @param baseUnit the base unit, or null
     * @param description the HELP text, not blank
     * @param labels the meter's own label keys
     */
    public MeterDefinition {
        if (name == null || name.isBlank() || description == null || description.isBlank()) {
            throw new IllegalArgumentException("a meter needs a name and a description, but was '" + name + "'");
        }
        Objects.requireNonNull(type, "type");
        labels = List.copyOf(labels);
    }

    /**
     * Returns the name Prometheus queries use: Micrometer's {@link PrometheusNamingConvention}
     * (dots become underscores, the base unit is appended, a timer ends in {@code _seconds}), and
     * {@code _total} for a counter, which the Prometheus client appends itself. A timer's series
     * add {@code _count}, {@code _sum} and {@code _max} to this name.
     *
     * @return e.g. {@code cscore_checkpoints_skipped_total}, {@code cscore_checkpoint_timestamp_seconds}
     */
    public String prometheusName() {
        String family = PROMETHEUS.name(name, type, baseUnit);
        if (type == Meter.Type.COUNTER) {
            return family + "_total";
        }
        // The client takes a gauge named *.info for an info metric: family without, series with _info.
        return name.endsWith(".info") && !family.endsWith("_info") ? family + "_info" : family;
    }
}
