package io.github.cscore.cli;

import io.github.cscore.model.ModelSummary;
import io.github.cscore.model.NetworkConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cscore models}: the three architectures, their parameter counts and CAM taps. */
@Command(
        name = "models",
        header = "Lists the three architectures with parameter counts and CAM taps.",
        mixinStandardHelpOptions = true,
        description = "Lists ResNet50V2, DenseNet201 and InceptionV3 with their parameter counts and CAM "
                + "taps at the reference configuration (Keras' published counts) and at a chosen scale, by "
                + "default the demo's.")
final class ModelsCommand implements Callable<Integer>, OptionNames.Source {

    @Mixin
    ScaleOptions scale;

    @Option(names = "--classes", description = "Number of classes of the scaled network (default: ${DEFAULT-VALUE}).")
    int classes = 2;

    @Option(names = "--max-blocks", description = "Most repeated units per stage (default: ${DEFAULT-VALUE}).")
    int maxBlocks = 2;

    @Option(names = "--stem-downsampling", negatable = true,
            description = "Keep the stem's down-sampling (default: off for the small demo input).")
    boolean stemDownsampling;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Building a network initialises it at its input size, whose activations grow with its square.
        if (scale.input > NetworkConfig.DEMO_MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("--input must be at most " + NetworkConfig.DEMO_MAX_INPUT_SIZE
                    + " pixels, the largest input the commands train at, but was " + scale.input);
        }
        NetworkConfig scaled = NetworkConfig.builder()
                .optInputSize(scale.input)
                .optWidthMultiplier(scale.width)
                .optNumClasses(classes)
                .optMaxBlocksPerStage(maxBlocks)
                .optStemDownsampling(stemDownsampling)
                .build();
        spec.commandLine().getOut().print(ModelSummary.table(ModelSummary.rows(scaled)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("numClasses", "--classes", "maxBlocksPerStage", "--max-blocks");
    }
}
