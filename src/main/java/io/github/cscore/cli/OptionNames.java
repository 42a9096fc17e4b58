package io.github.cscore.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Speaks the command line's language in errors. The one validation policy of the commands: an
 * option is checked where the library checks the value it sets (the builder, factory or record
 * it is handed to, which names the value by its property: {@code widthMultiplier must be in (0,
 * 4]}); a command-line user typed an option ({@code --width}), so the error is translated, never
 * checked a second time. Each option mixin (and command) says which properties its options set;
 * a command translates by the properties of its own options only.
 *
 * <p>A command checks an option itself only for what no library type sees: combinations of
 * options, files the command reads, and rules of the command's own (the study's scenarios).
 */
final class OptionNames {

    /** A command or an option mixin whose options set library properties. */
    interface Source {

        /**
         * The properties its options set, each with the option that sets it.
         *
         * @return option names by property name
         */
        Map<String, String> optionsByProperty();
    }

    private final Map<String, String> optionOfProperty;
    private final Pattern properties;

    private OptionNames(Map<String, String> optionOfProperty) {
        this.optionOfProperty = Map.copyOf(optionOfProperty);
        this.properties = optionOfProperty.isEmpty() ? null : Pattern.compile(optionOfProperty.keySet().stream()
                .map(Pattern::quote).collect(Collectors.joining("|", "(?<![\\w-])(", ")(?![\\w-])")));
    }

    /** Translates by the properties given (option names by property). */
    static OptionNames of(Map<String, String> optionOfProperty) {
        return new OptionNames(optionOfProperty);
    }

    /** Translates by the properties of a command's options: its own and those of its mixins, nested ones too. */
    static OptionNames of(CommandSpec command) {
        Map<String, String> all = new LinkedHashMap<>();
        collect(command, all);
        return new OptionNames(all);
    }

    private static void collect(CommandSpec spec, Map<String, String> all) {
        if (spec.userObject() instanceof Source source) {
            all.putAll(source.optionsByProperty());
        }
        spec.mixins().values().forEach(mixin -> collect(mixin, all));
    }

    /**
     * The same failure with every known property in its message named by its option; the failure
     * itself if none is, or if its message names an option already (the command's own checks).
     */
    IllegalArgumentException translate(IllegalArgumentException error) {
        String message = error.getMessage();
        if (properties == null || message == null || message.startsWith("--")) {
            return error;
        }
        Matcher matcher = properties.matcher(message);
        if (!matcher.find()) {
            return error;
        }
        String named = matcher.replaceAll(match -> Matcher.quoteReplacement(optionOfProperty.get(match.group(1))));
        return new IllegalArgumentException(named, error);
    }

    /** Makes something, naming the options in what its checks throw. */
    <T> T translating(Supplier<T> making) {
        try {
            return making.get();
        } catch (IllegalArgumentException e) {
            throw translate(e);
        }
    }
}
