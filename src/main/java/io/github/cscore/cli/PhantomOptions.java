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

    /**
     * Refuses a marker for images that are not generated: with {@code --fashion-mnist} or {@code
     * --data} the rate would be silently ignored. Its range is checked where the phantoms are made.
     */
    void check(DataOptions data) {
        if (shortcutRate == 0) {
            return;
        }
        if (data.isFashionMnist() || data.data != null) {
            throw new IllegalArgumentException("--shortcut-rate marks generated phantoms; it does not apply to "
                    + (data.isFashionMnist() ? "--fashion-mnist" : "--data"));
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("shortcutRate", "--shortcut-rate");
    }
}
