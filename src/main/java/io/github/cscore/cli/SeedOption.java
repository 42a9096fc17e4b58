package io.github.cscore.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: one seed for everything random in a run. */
final class SeedOption {

    @Option(names = "--seed", description = "Seed of the generated data, the initial weights, the shuffling and the "
            + "monitor's sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;
}
