package io.github.cscore.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Network} from a TorchScript feature extractor and a new DJL head: the transfer
 * learning recipe of DJL's PyTorch engine, with taps the monitor can explain.
 *
 * <p>The backbone is one or more TorchScript files run one after the other, each a {@link
 * TorchScriptBlock} named after its stage: {@code backbone/<stage>}. The head is global average
 * pooling, flatten and a dense layer, as for the built-in architectures. By default the primary
 * CAM tap is the last stage's output and MS GradCAM++ fuses the last two stages' outputs, so a
 * backbone exported in a single file needs an extra split (or explicit taps) to serve MS GradCAM++.
 * Every check happens in {@link Builder#build()}: a file that fails to load, a stage whose output
 * is not a 4-D feature map, or a tap that names no stage.
 */
public final class TorchScriptNetwork {

    private TorchScriptNetwork() {}

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a network on TorchScript stages. */
    public static final class Builder {
        private final List<Pair<String, Path>> stages = new ArrayList<>();
        private NDManager manager;
        private Shape inputShape;
        private int numClasses;
        private CamTaps taps;
        private String name = "torchscript";

        Builder() {}

        /**
         * Appends a TorchScript stage to the backbone (at least one; two for the default taps).
         *
         * @param stage the stage's name, its tap is {@code backbone/<stage>}
         * @param file the TorchScript file
         * @return this builder
         */
        public Builder addStage(String stage, Path file) {
            stages.add(new Pair<>(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(file, "file")));
            return this;
        }

        /**
         * Sets the PyTorch manager that owns the loaded weights (required).
         *
         * @param manager the manager
         * @return this builder
         */
        public Builder setManager(NDManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
            return this;
        }

        /**
         * Sets the shape of one input image (required).
         *
         * @param inputShape (channels, height, width)
         * @return this builder
         */
        public Builder setInputShape(Shape inputShape) {
            this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
            return this;
        }

        /**
         * Sets the number of classes of the new head (required, at least 2).
         *
         * @param numClasses the number of logits
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Overrides the default taps (last stage; last two stages for MS GradCAM++).
         *
         * @param taps block paths such as {@code backbone/upper}
         * @return this builder
         */
        public Builder optTaps(CamTaps taps) {
            this.taps = Objects.requireNonNull(taps, "taps");
            return this;
        }

        /**
         * Sets the network's short name for logs and metric labels. Default: {@code torchscript}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Loads every stage, chains them and checks shapes and taps. The network still needs
         * {@link Network#initialize} for its head.
         *
         * @return the network
         * @throws IllegalArgumentException naming the file or tap at fault
         */
        public Network build() {
            if (manager == null || inputShape == null) {
                throw new IllegalArgumentException("manager and inputShape are required");
            }
            if (stages.isEmpty()) {
                throw new IllegalArgumentException("add at least one TorchScript stage");
            }
            NamedSequentialBlock backbone = new NamedSequentialBlock();
            Shape shape = inputShape;
            for (Pair<String, Path> stage : stages) {
                TorchScriptBlock block = TorchScriptBlock.load(manager, stage.getValue(), shape);
                backbone.add(stage.getKey(), block);
                shape = block.featureShape();
            }
            NamedSequentialBlock head = new NamedSequentialBlock()
                    .add("avg_pool", Pool.globalAvgPool2dBlock())
                    .add("flatten", Blocks.batchFlattenBlock())
                    .add("predictions", Linear.builder().setUnits(numClasses).build());
            NamedSequentialBlock root = new NamedSequentialBlock().add("backbone", backbone).add("head", head);
            CamTaps chosen = taps == null ? defaultTaps() : taps;
            for (String tap : chosen.all()) {
                if (stages.stream().noneMatch(stage -> tap.equals("backbone/" + stage.getKey()))) {
                    throw new IllegalArgumentException("tap '" + tap + "' is not the output of a TorchScript stage;"
                            + " taps are " + stages.stream().map(s -> "backbone/" + s.getKey()).toList());
                }
            }
            return new Network(name, root, backbone, head, inputShape, numClasses, chosen);
        }

        private CamTaps defaultTaps() {
            if (stages.size() < 2) {
                throw new IllegalArgumentException("MS GradCAM++ needs a lower tap: split the backbone into at least"
                        + " two TorchScript files (one stage, " + stages.get(0).getValue() + ", was given)");
            }
            String last = "backbone/" + stages.get(stages.size() - 1).getKey();
            String before = "backbone/" + stages.get(stages.size() - 2).getKey();
            return new CamTaps(last, List.of(before, last));
        }
    }
}
