package io.github.cscore.cli;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The network a command trains: {@code --architecture} at the demo scale of {@link ScaleOptions}. */
final class NetworkOptions {

    @Option(names = "--architecture", description = "resnet50v2, densenet201 or inceptionv3 (default: ${DEFAULT-VALUE}).")
    String architecture = Architecture.RESNET50_V2.label();

    @Mixin
    ScaleOptions scale = new ScaleOptions();

    Architecture architecture() {
        return Architecture.fromLabel(architecture.trim());
    }

    NetworkConfig config(int numClasses) {
        return scale.demoScale(numClasses);
    }

    int input() {
        return scale.input;
    }
}
