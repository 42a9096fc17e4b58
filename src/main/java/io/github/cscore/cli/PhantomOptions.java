package io.github.cscore.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** {@code --shortcut-rate}: a corner marker in the generated phantoms that agrees with the label. */
final class PhantomOptions implements OptionNames.Source {

    @Option(names = "--shortcut-rate", description = "Share of generated phantoms whose corner marker agrees with "
            + "the label: 0 (no marker) or 0.5 to 1 (default: ${DEFAULT-VALUE}).")
    double shortcutRate;

    /** No marker. */
    PhantomOptions() {
        this(0);
    }

    /** Another default, for a command that says why in its description. */
    PhantomOptions(double shortcutRate) {
        this.shortcutRate = shortcutRate;
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("shortcutRate", "--shortcut-rate");
    }
}
