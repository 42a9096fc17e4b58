package io.github.cscore.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A table of the three architectures with their parameter counts and CAM tap shapes, at the
 * reference configuration and at a chosen scale: what {@code cscore models} prints.
 */
public final class ModelSummary {

    private ModelSummary() {}

    /**
     * One line of the table.
     *
     * @param architecture the architecture
     * @param scale {@code reference} or a name for the chosen scale
     * @param inputSize the input height and width
     * @param widthMultiplier the width multiplier
     * @param numClasses the number of output logits
     * @param parameterCount all parameters, BatchNorm running statistics included
     * @param backboneParameterCount the backbone's share of them
     * @param tapShapes the (channels, height, width) of every CAM tap, primary first
     */
    public record Row(
            Architecture architecture,
            String scale,
            int inputSize,
            float widthMultiplier,
            int numClasses,
            long parameterCount,
            long backboneParameterCount,
            Map<String, Shape> tapShapes) {}

    /**
     * Builds and counts every architecture at the reference configuration and at the given one.
     * Each network is initialised (about 100 MB per reference network) and released at once.
     *
     * @param scaled the configuration to compare with the reference
     * @return two rows per architecture, reference first
     */
    public static List<Row> rows(NetworkConfig scaled) {
        List<Row> rows = new ArrayList<>();
        for (Architecture architecture : Architecture.values()) {
            rows.add(row(architecture, "reference", NetworkConfig.reference()));
            rows.add(row(architecture, "scaled", scaled));
        }
        return rows;
    }

    /**
     * Builds, initialises and counts one architecture at one configuration.
     *
     * @param architecture the architecture
     * @param scale the name to show for the configuration
     * @param config the configuration
     * @return the row
     */
    public static Row row(Architecture architecture, String scale, NetworkConfig config) {
        Network network = architecture.build(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            return new Row(architecture, scale, (int) network.inputShape().get(1),
                    config.widthMultiplier(), network.numClasses(), network.parameterCount(),
                    network.backboneParameterCount(), architecture.tapShapes(config));
        }
    }

    /**
     * Renders rows as a fixed-width text table.
     *
     * @param rows the rows
     * @return the table, one line per row after a header line
     */
    public static String table(List<Row> rows) {
        String format = "%-12s %-9s %5s %5s %7s %12s %12s  %s%n";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, format, "architecture",
                "scale", "input", "width", "classes", "parameters", "backbone", "CAM taps (C x H x W)"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, format, row.architecture().label(), row.scale(),
                    row.inputSize(), String.format(Locale.ROOT, "%.2f", row.widthMultiplier()),
                    row.numClasses(), String.format(Locale.ROOT, "%,d", row.parameterCount()),
                    String.format(Locale.ROOT, "%,d", row.backboneParameterCount()), taps(row)));
        }
        return text.toString();
    }

    private static String taps(Row row) {
        return row.tapShapes().entrySet().stream()
                .map(e -> e.getKey().substring(e.getKey().indexOf('/') + 1) + " "
                        + e.getValue().get(0) + "x" + e.getValue().get(1) + "x" + e.getValue().get(2))
                .collect(Collectors.joining(", "));
    }
}
