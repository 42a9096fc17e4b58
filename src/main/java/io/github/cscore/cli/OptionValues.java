package io.github.cscore.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.function.ToDoubleFunction;

/**
 * Refuses, while the command line is parsed, values that no option of any command can mean: an
 * empty path (which would name the current folder) and a number that is not finite ({@code NaN},
 * {@code Infinity}, or a float too large to hold). Ranges are checked where the library checks
 * the value ({@link OptionNames}); these values would otherwise slip through its comparisons.
 */
final class OptionValues {

    private OptionValues() {}

    /** Registers the converters with a command line and its subcommands. */
    static void registerWith(CommandLine commandLine) {
        ITypeConverter<Float> floats = value -> (float) finite(value, number(value, Float::parseFloat));
        ITypeConverter<Double> doubles = value -> finite(value, number(value, Double::parseDouble));
        commandLine.registerConverter(Path.class, OptionValues::path);
        commandLine.registerConverter(Float.class, floats);
        commandLine.registerConverter(float.class, floats);
        commandLine.registerConverter(Double.class, doubles);
        commandLine.registerConverter(double.class, doubles);
    }

    private static Path path(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("an empty path names no file or folder");
        }
        return Path.of(value);
    }

    private static double number(String value, ToDoubleFunction<String> parse) {
        try {
            return parse.applyAsDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }

    private static double finite(String value, double parsed) {
        if (!Double.isFinite(parsed)) {
            throw new TypeConversionException("'" + value + "' is not a finite number");
        }
        return parsed;
    }
}
