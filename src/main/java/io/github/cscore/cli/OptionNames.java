package io.github.cscore.cli;

import java.util.Map;

/**
 * Speaks the command line's language in errors. The library's builders check every value and name
 * it by its property ({@code widthMultiplier must be in (0, 4]}); a command-line user typed an
 * option ({@code --width}), so the command renames the property in the message rather than
 * checking the same rule a second time.
 */
final class OptionNames {

    /** The properties the commands' options set, by the option's name. */
    static final OptionNames COMMANDS = new OptionNames(Map.of(
            "inputSize", "--input",
            "imageSize", "--input",
            "widthMultiplier", "--width",
            "numClasses", "--classes",
            "maxBlocksPerStage", "--max-blocks",
            "goldThreshold", "--gold-threshold",
            "topK", "--scorecam-top-k",
            "shortcutRate", "--shortcut-rate",
            "samplePerClass", "--sample-per-class"));

    private final Map<String, String> optionOfProperty;

    OptionNames(Map<String, String> optionOfProperty) {
        this.optionOfProperty = Map.copyOf(optionOfProperty);
    }

    /** The same failure, named by the option when its message starts with a known property. */
    IllegalArgumentException translate(IllegalArgumentException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        for (Map.Entry<String, String> entry : optionOfProperty.entrySet()) {
            String property = entry.getKey();
            if (message.startsWith(property + " ") || message.startsWith(property + ":")
                    || message.startsWith(property + " (")) {
                return new IllegalArgumentException(entry.getValue() + message.substring(property.length()), error);
            }
        }
        return error;
    }
}
