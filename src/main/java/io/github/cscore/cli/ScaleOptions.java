package io.github.cscore.cli;

import io.github.cscore.model.NetworkConfig;

import picocli.CommandLine.Option;

import java.util.Map;

/** The scale of a network: {@code --input} and {@code --width}. */
final class ScaleOptions implements OptionNames.Source {

    @Option(names = "--input", description = "Input height and width, in pixels (default: ${DEFAULT-VALUE}).")
    int input;

    @Option(names = "--width", description = "Width multiplier of every channel count (default: ${DEFAULT-VALUE}).")
    float width = NetworkConfig.DEMO_WIDTH_MULTIPLIER;

    /** The demo's scale, {@code NetworkConfig.demo()}. */
    ScaleOptions() {
        this(NetworkConfig.DEMO_INPUT_SIZE);
    }

    /** The demo's width at another default input. */
    ScaleOptions(int input) {
        this.input = input;
    }

    /** The demo scale at these options ({@link NetworkConfig#demo(int, float, int)}). */
    NetworkConfig demoScale(int numClasses) {
        return NetworkConfig.demo(input, width, numClasses);
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("inputSize", "--input", "imageSize", "--input", "widthMultiplier", "--width");
    }
}
