package io.github.cscore.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A DJL block with named taps: activations and gradients at chosen inner layers, for a batch,
 * from one forward and one backward pass.
 *
 * <p>A tap is the output of a child block, named by its path through nested {@link
 * SequentialBlock}s (for example {@code backbone/stage4}; see {@link NamedSequentialBlock}). DJL
 * has no forward hooks, so the model walks the sequential blocks on the way to the taps itself and
 * runs every other block as a whole. At each tap it adds a zero tensor that requires a gradient;
 * after one {@code backward} that tensor's gradient is the gradient at the tap.
 *
 * <p>The training that owns the block must not notice: the forward runs in inference mode
 * (BatchNorm uses its running statistics and leaves them alone; dropout is off), and for the
 * duration of the backward pass every parameter stops requiring a gradient, so no gradient is
 * accumulated onto the parameters (which also makes the backward pass cheaper). Gradients the
 * training already holds are kept as they are. Only one gradient collector may be open per
 * process with the PyTorch engine, so call this between training steps, never concurrently.
 *
 * <p>Where the engine's batched convolutions are wrong (see {@code
 * io.github.cscore.engine.EngineCheck}), {@link Builder#optOneImageAtATime} runs every pass one
 * image at a time instead.
 */
public final class TappedModel {

    private final Block block;
    private final Shape inputShape;
    private final int numClasses;
    private final Map<String, String> taps; // user name -> canonical path of full child names
    private final boolean oneImageAtATime;
    private final long largestActivation;

    private TappedModel(Builder builder) {
        this.block = builder.block;
        this.inputShape = builder.inputShape;
        this.numClasses = builder.numClasses;
        this.oneImageAtATime = builder.oneImageAtATime;
        this.taps = Collections.unmodifiableMap(new LinkedHashMap<>(builder.taps));
        this.largestActivation = ActivationSizes.largest(block, inputShape);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks, without running anything, that every path names a child reachable through sequential
     * blocks. The block need not be initialised yet.
     *
     * @param block the block
     * @param paths the tap paths
     * @throws IllegalArgumentException naming the first unknown or unreachable tap
     */
    public static void requireTaps(Block block, Collection<String> paths) {
        Objects.requireNonNull(block, "block");
        for (String path : paths) {
            BlockPaths.canonical(block, path);
        }
    }

    /**
     * Returns the names of the taps, in the order they were added.
     *
     * @return the tap names
     */
    public List<String> tapNames() {
        return List.copyOf(taps.keySet());
    }

    /**
     * Returns the shape of one input image, (channels, height, width).
     *
     * @return the input shape without the batch dimension
     */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * Returns the number of classes (logits) the block outputs.
     *
     * @return the number of classes
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Returns the wrapped block.
     *
     * @return the block
     */
    public Block block() {
        return block;
    }

    /**
     * Returns the number of values in one image's largest activation inside the block, as far as
     * its structure shows: the output of every block reached through sequential blocks and
     * branches, from output shapes alone (a block whose inside is hidden counts by its output). The
     * memory a batch of forward passes needs grows with it.
     *
     * @return the number of values, or -1 if the block's output shapes cannot be computed
     */
    public long largestActivation() {
        return largestActivation;
    }

    /**
     * Tells whether every pass runs one image at a time (the safe path of docs/engine.md).
     *
     * @return true if batches are split into single images
     */
    public boolean isOneImageAtATime() {
        return oneImageAtATime;
    }

    /**
     * Runs one forward and one backward pass: logits, and activations and gradients at every tap.
     *
     * <p>The backward target is the sum over the batch of each image's target-class logit, so the
     * gradient at a tap for image {@code n} is that of its own target logit.
     *
     * @param scope the manager the returned arrays are attached to
     * @param input a batch of images, (N, channels, height, width)
     * @param targetClasses one target class per image
     * @return the pass, whose arrays live in {@code scope}
     * @throws IllegalArgumentException if the input shape or a target class is wrong
     */
    public TappedPass forwardBackward(NDManager scope, NDArray input, int[] targetClasses) {
        checkInput(input);
        checkTargets(targetClasses, input.getShape().get(0));
        if (splits(input)) {
            return eachImage(scope, input,
                    (work, i) -> forwardBackward(work, image(input, i, work), new int[] {targetClasses[i]}));
        }
        FrozenParameters frozen = FrozenParameters.freeze(block);
        try (NDManager work = scope.newSubManager();
                GradientCollector collector = input.getManager().getEngine().newGradientCollector()) {
            Walk walk = new Walk(work, true);
            NDArray logits = walk.run(input.duplicate()).singletonOrThrow();
            NDArray targets = work.create(targetClasses).oneHot(numClasses, logits.getDataType());
            collector.backward(logits.mul(targets).sum());
            return walk.result(scope, logits);
        } finally {
            frozen.restore();
        }
    }

    /**
     * Runs one forward pass without gradients: logits and activations at every tap, recording no
     * autograd graph whatever the calling thread's gradient mode.
     *
     * @param scope the manager the returned arrays are attached to
     * @param input a batch of images, (N, channels, height, width)
     * @return the pass, with no gradients
     * @throws IllegalArgumentException if the input shape is wrong
     */
    public TappedPass forward(NDManager scope, NDArray input) {
        checkInput(input);
        if (splits(input)) {
            return eachImage(scope, input, (work, i) -> forward(work, image(input, i, work)));
        }
        try (NDManager work = scope.newSubManager();
                InferenceScope inference = InferenceScope.open(input.getManager().getEngine())) {
            Walk walk = new Walk(work, false);
            NDArray logits = walk.run(input.duplicate()).singletonOrThrow();
            return walk.result(scope, logits);
        }
    }

    /**
     * Computes logits only, in inference mode, without visiting the taps: BatchNorm reads its
     * running statistics, dropout is off, and no autograd graph is recorded whatever the calling
     * thread's gradient mode (it is restored on return). The height and width may differ from the
     * model's input size if its layers accept them (a global pooling head does; a flattening head
     * fails in the engine).
     *
     * @param input a batch of images, (N, channels, height, width)
     * @return the logits, (N, classes), attached to the input's manager
     * @throws IllegalArgumentException if the input's rank, batch, channels or type is wrong
     */
    public NDArray logits(NDArray input) {
        checkInput(input, false);
        if (splits(input)) {
            try (NDManager work = input.getManager().newSubManager()) {
                NDList rows = new NDList();
                for (int i = 0; i < input.getShape().get(0); i++) {
                    rows.add(logits(image(input, i, work)));
                }
                NDArray stacked = NDArrays.concat(rows);
                stacked.attach(input.getManager());
                return stacked;
            }
        }
        try (InferenceScope inference = InferenceScope.open(input.getManager().getEngine())) {
            ParameterStore store = new ParameterStore(input.getManager(), false);
            return block.forward(store, new NDList(input), false).singletonOrThrow();
        }
    }

    private boolean splits(NDArray input) {
        return oneImageAtATime && input.getShape().get(0) > 1;
    }

    private static NDArray image(NDArray input, int i, NDManager work) {
        NDArray image = input.get(i + ":" + (i + 1));
        image.attach(work);
        return image;
    }

    /** One pass per image, stacked along the batch as if the batch had run at once. */
    private static TappedPass eachImage(
            NDManager scope, NDArray input, BiFunction<NDManager, Integer, TappedPass> pass) {
        try (NDManager work = scope.newSubManager()) {
            List<TappedPass> parts = new ArrayList<>();
            for (int i = 0; i < input.getShape().get(0); i++) {
                parts.add(pass.apply(work, i));
            }
            TappedPass first = parts.get(0);
            Map<String, NDArray> activations = new LinkedHashMap<>();
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (String tap : first.activations().keySet()) {
                activations.put(tap, stack(scope, parts, part -> part.activation(tap)));
                if (first.hasGradients()) {
                    gradients.put(tap, stack(scope, parts, part -> part.gradient(tap)));
                }
            }
            return new TappedPass(stack(scope, parts, TappedPass::logits), activations, gradients);
        }
    }

    private static NDArray stack(NDManager scope, List<TappedPass> parts, Function<TappedPass, NDArray> array) {
        NDList list = new NDList();
        parts.forEach(part -> list.add(array.apply(part)));
        NDArray stacked = NDArrays.concat(list);
        stacked.attach(scope);
        return stacked;
    }

    private void checkInput(NDArray input) {
        checkInput(input, true);
    }

    /** Checks rank, batch, channels and type, and the height and width if {@code sized}. */
    private void checkInput(NDArray input, boolean sized) {
        Objects.requireNonNull(input, "input");
        Shape shape = input.getShape();
        boolean matches =
                shape.dimension() == 4
                        && shape.get(0) > 0
                        && (sized ? shape.slice(1).equals(inputShape) : shape.get(1) == inputShape.get(0));
        if (!matches) {
            String expected = sized ? join(inputShape) : inputShape.get(0) + ", height, width";
            throw new IllegalArgumentException(
                    "input must have shape (N, " + expected + ") with N >= 1, but was " + shape);
        }
        if (input.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "input must be float32, but was " + input.getDataType());
        }
    }

    private void checkTargets(int[] targetClasses, long batchSize) {
        Objects.requireNonNull(targetClasses, "targetClasses");
        if (targetClasses.length != batchSize) {
            throw new IllegalArgumentException(
                    "targetClasses must have one class per image (" + batchSize + "), but had "
                            + targetClasses.length);
        }
        for (int i = 0; i < targetClasses.length; i++) {
            if (targetClasses[i] < 0 || targetClasses[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "target class of image " + i + " must be in [0, " + numClasses
                                + "), but was " + targetClasses[i]);
            }
        }
    }

    private static String join(Shape shape) {
        return Arrays.stream(shape.getShape())
                .mapToObj(Long::toString)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /** One walk through the block tree, recording the output at each tap. */
    private final class Walk {
        private final NDManager work;
        private final boolean withGradients;
        private final ParameterStore store;
        private final Map<String, NDArray> activations = new LinkedHashMap<>();
        private final Map<String, NDArray> gradientLeaves = new LinkedHashMap<>();

        Walk(NDManager work, boolean withGradients) {
            this.work = work;
            this.withGradients = withGradients;
            this.store = new ParameterStore(work, false);
        }

        NDList run(NDArray input) {
            input.attach(work);
            return descend(block, "", new NDList(input));
        }

        private NDList descend(Block current, String path, NDList x) {
            if (!taps.containsValue(path) && isOnTheWayToATap(path)) {
                for (Pair<String, Block> child : current.getChildren()) {
                    String childPath = path.isEmpty() ? child.getKey() : path + "/" + child.getKey();
                    x = descend(child.getValue(), childPath, x);
                }
                return x;
            }
            NDList out = current.forward(store, x, false);
            return taps.containsValue(path) ? tap(path, out) : out;
        }

        private boolean isOnTheWayToATap(String path) {
            return path.isEmpty() || taps.values().stream().anyMatch(t -> t.startsWith(path + "/"));
        }

        private NDList tap(String path, NDList out) {
            NDArray activation = out.singletonOrThrow();
            activations.put(path, activation);
            if (!withGradients) {
                return out;
            }
            // x + z with a zero leaf z: dL/dz equals dL/dx, and z is a leaf, so PyTorch keeps it.
            NDArray leaf = work.zeros(activation.getShape(), activation.getDataType());
            leaf.setRequiresGradient(true);
            gradientLeaves.put(path, leaf);
            return new NDList(activation.add(leaf));
        }

        TappedPass result(NDManager scope, NDArray logits) {
            Map<String, NDArray> outActivations = new LinkedHashMap<>();
            Map<String, NDArray> outGradients = new LinkedHashMap<>();
            for (Map.Entry<String, String> tap : taps.entrySet()) {
                String path = tap.getValue();
                outActivations.put(tap.getKey(), detachedCopy(activations.get(path), scope));
                if (withGradients) {
                    outGradients.put(tap.getKey(), detachedCopy(gradientLeaves.get(path).getGradient(), scope));
                }
            }
            return new TappedPass(detachedCopy(logits, scope), outActivations, outGradients);
        }

        private NDArray detachedCopy(NDArray array, NDManager scope) {
            NDArray copy = array.stopGradient().duplicate();
            copy.attach(scope);
            return copy;
        }
    }

    /** Builds a {@link TappedModel}. */
    public static final class Builder {
        private Block block;
        private Shape inputShape;
        private int numClasses;
        private boolean oneImageAtATime;
        private final Map<String, String> taps = new LinkedHashMap<>();
        private final List<Pair<String, String>> requestedTaps = new ArrayList<>();

        Builder() {}

        /**
         * Sets the block to explain (required). It must be initialised and output one logit per
         * class.
         *
         * @param block the block
         * @return this builder
         */
        public Builder setBlock(Block block) {
            this.block = Objects.requireNonNull(block, "block");
            return this;
        }

        /**
         * Adds a tap named after its path.
         *
         * @param path the block path, e.g. {@code backbone/stage4}
         * @return this builder
         */
        public Builder addTap(String path) {
            return addTap(path, path);
        }

        /**
         * Adds a tap under a name of the caller's choice.
         *
         * @param name the name the tap's arrays are reported under
         * @param path the block path, e.g. {@code backbone/stage4}
         * @return this builder
         */
        public Builder addTap(String name, String path) {
            requestedTaps.add(new Pair<>(Objects.requireNonNull(name, "name"), path));
            return this;
        }

        /**
         * Runs every pass (with or without gradients, and {@link TappedModel#logits}) one image at
         * a time and stacks the results: slower, but right on an engine whose batched convolutions
         * are wrong (docs/engine.md). Default: false.
         *
         * @param enabled true to split batches into single images
         * @return this builder
         */
        public Builder optOneImageAtATime(boolean enabled) {
            this.oneImageAtATime = enabled;
            return this;
        }

        /**
         * Builds the tapped model, checking the block and resolving every tap.
         *
         * @return the tapped model
         * @throws IllegalArgumentException if the block is missing or not initialised, or a tap
         *     path is unknown, repeated or not reachable through sequential blocks
         */
        public TappedModel build() {
            if (block == null) {
                throw new IllegalArgumentException("block is required");
            }
            if (!block.isInitialized()) {
                throw new IllegalArgumentException("block must be initialized before tapping");
            }
            Shape[] inputs = block.getInputShapes();
            inputShape = inputs[0].slice(1);
            numClasses = (int) block.getOutputShapes(inputs)[0].tail();
            for (Pair<String, String> tap : requestedTaps) {
                String canonical = BlockPaths.canonical(block, tap.getValue());
                if (taps.containsKey(tap.getKey()) || taps.containsValue(canonical)) {
                    throw new IllegalArgumentException("tap '" + tap.getKey() + "' is added twice");
                }
                taps.put(tap.getKey(), canonical);
            }
            return new TappedModel(this);
        }
    }
}
