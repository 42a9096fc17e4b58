package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.CamTaps;
import io.github.cscore.model.TappedModel;
import io.github.cscore.model.TappedPass;
import io.github.cscore.result.Technique;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The shared pass over one batch, from which each technique's maps are computed on demand.
 *
 * <p>Holds the logits and the tap arrays in a manager of its own until {@link #close()}. Asking
 * for one technique at a time lets a caller time it, guard it and skip it on its own; asking for
 * a subset of the images (for example the gold list) spares the per-image cost of Score-CAM on
 * images nobody will score.
 */
public final class CamPass implements AutoCloseable {

    private static final Runnable NO_DEADLINE = () -> {};

    private final TappedModel model;
    private final CamTaps tapNames;
    private final MapScaler scaler;
    private final Map<Technique, CamTechnique> techniques;
    private final NDManager scope;
    private final NDArray input;
    private final int[] targets;
    private final TappedPass taps;
    private final float[][] logits;
    private final long nanos;
    private final Set<String> deadTaps;

    private CamPass(Setup setup, NDManager scope, NDArray input, int[] targets, TappedPass taps, long nanos) {
        this.model = setup.model();
        this.tapNames = setup.taps();
        this.scaler = setup.scaler();
        this.techniques = setup.techniques();
        this.scope = scope;
        this.input = input;
        this.targets = targets.clone();
        this.taps = taps;
        this.logits = toRows(taps.logits());
        this.nanos = nanos;
        this.deadTaps = deadTaps(taps);
    }

    /**
     * Taps whose gradient is identically zero over the whole batch although their activations are
     * not. A target logit that depends on non-zero activations does not have that; it means the
     * graph was cut between the tap and the logits (a detached output, or a block run without
     * autograd), and a map from it would be noise presented as an explanation. All-zero
     * activations (a blank image) give flat maps anyway, which are counted as flat.
     */
    private static Set<String> deadTaps(TappedPass taps) {
        Set<String> dead = new HashSet<>();
        taps.gradients().forEach((name, gradient) -> {
            if (gradient.abs().max().getFloat() == 0f && taps.activation(name).abs().max().getFloat() > 0f) {
                dead.add(name);
            }
        });
        return dead;
    }

    /** What a pass needs from the explainer that runs it. */
    private record Setup(
            TappedModel model, CamTaps taps, MapScaler scaler, Map<Technique, CamTechnique> techniques) {}

    static CamPass run(
            TappedModel model,
            CamTaps taps,
            MapScaler scaler,
            Map<Technique, CamTechnique> techniques,
            NDArray images,
            int[] targets) {
        boolean gradients = techniques.values().stream().anyMatch(CamTechnique::needsGradients);
        NDManager scope = images.getManager().newSubManager();
        try {
            long start = System.nanoTime();
            TappedPass pass = gradients
                    ? model.forwardBackward(scope, images, targets)
                    : model.forward(scope, images);
            if (!gradients) {
                checkTargets(targets, images, model.numClasses());
            }
            long nanos = System.nanoTime() - start;
            return new CamPass(new Setup(model, taps, scaler, techniques), scope, images, targets, pass, nanos);
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /**
     * Returns the logits of every image.
     *
     * @return a copy of the logits, one row per image
     */
    public float[][] logits() {
        float[][] copy = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            copy[i] = logits[i].clone();
        }
        return copy;
    }

    /**
     * Returns the time of the shared pass (forward, and backward if any technique needs it).
     *
     * @return the time in nanoseconds
     */
    public long nanos() {
        return nanos;
    }

    /**
     * Computes one technique's maps for every image of the batch.
     *
     * @param technique an enabled technique
     * @return the maps
     * @throws IllegalArgumentException if the technique is not enabled
     */
    public CamMaps maps(Technique technique) {
        return maps(technique, IntStream.range(0, targets.length).toArray(), NO_DEADLINE);
    }

    /**
     * Computes one technique's maps for some images of the batch.
     *
     * @param technique an enabled technique
     * @param imageIndices the images to explain, as indices into the batch
     * @param deadlineCheck called between expensive steps; throws to abandon the technique
     * @return the maps, in the order of {@code imageIndices}
     * @throws IllegalArgumentException if the technique is not enabled or an index is out of range
     */
    public CamMaps maps(Technique technique, int[] imageIndices, Runnable deadlineCheck) {
        CamTechnique implementation = implementation(technique);
        checkIndices(imageIndices);
        long start = System.nanoTime();
        if (imageIndices.length == 0) {
            return new CamMaps(technique, height(), width(), imageIndices, new float[0][], new boolean[0], 0);
        }
        try (NDManager work = scope.newSubManager()) {
            CamContext context = context(work, imageIndices, deadlineCheck);
            List<NDArray> raw = implementation.rawMaps(context);
            return scaled(technique, imageIndices, raw, start);
        }
    }

    private CamTechnique implementation(Technique technique) {
        CamTechnique implementation = techniques.get(technique);
        if (implementation == null) {
            throw new IllegalArgumentException("technique " + technique.label() + " is not enabled; enabled: "
                    + techniques.keySet().stream().map(Technique::label).toList());
        }
        return implementation;
    }

    /** Releases the pass's arrays. */
    @Override
    public void close() {
        scope.close();
    }

    private CamContext context(NDManager work, int[] imageIndices, Runnable deadlineCheck) {
        Subset subset = new Subset(work, imageIndices, targets.length);
        List<TapArrays> multiScale = new ArrayList<>();
        for (String name : tapNames.multiScale()) {
            if (taps.activations().containsKey(name)) {
                multiScale.add(subset.tap(name, taps));
            }
        }
        int[] chosenTargets = IntStream.of(imageIndices).map(i -> targets[i]).toArray();
        return new CamContext(
                work,
                subset.of(input),
                chosenTargets,
                subset.tap(tapNames.primary(), taps),
                multiScale,
                model::logits,
                model.largestActivation(),
                deadlineCheck);
    }

    private CamMaps scaled(Technique technique, int[] imageIndices, List<NDArray> raw, long start) {
        int n = imageIndices.length;
        List<List<MapScaler.Scaled>> perImage = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perImage.add(new ArrayList<>());
        }
        for (NDArray maps : raw) {
            Shape shape = maps.getShape();
            int h = (int) shape.get(1);
            int w = (int) shape.get(2);
            float[] values = maps.toFloatArray();
            for (int i = 0; i < n; i++) {
                float[] one = java.util.Arrays.copyOfRange(values, i * h * w, (i + 1) * h * w);
                perImage.get(i).add(scaler.scale(one, h, w));
            }
        }
        float[][] result = new float[n][];
        boolean[] flat = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<MapScaler.Scaled> parts = perImage.get(i);
            MapScaler.Scaled scaled = parts.size() == 1 ? parts.get(0) : scaler.fuse(parts);
            result[i] = scaled.map();
            flat[i] = scaled.flat();
        }
        return new CamMaps(technique, height(), width(), imageIndices, result, flat, System.nanoTime() - start);
    }

    private int height() {
        return (int) model.inputShape().get(1);
    }

    private int width() {
        return (int) model.inputShape().get(2);
    }

    private void checkIndices(int[] imageIndices) {
        for (int index : imageIndices) {
            if (index < 0 || index >= targets.length) {
                throw new IllegalArgumentException(
                        "image index must be in [0, " + targets.length + "), but was " + index);
            }
        }
    }

    private static void checkTargets(int[] targets, NDArray images, int numClasses) {
        if (targets.length != images.getShape().get(0)) {
            throw new IllegalArgumentException(
                    "targets must have one class per image (" + images.getShape().get(0)
                            + "), but had " + targets.length);
        }
        for (int target : targets) {
            if (target < 0 || target >= numClasses) {
                throw new IllegalArgumentException(
                        "target class must be in [0, " + numClasses + "), but was " + target);
            }
        }
    }

    private static float[][] toRows(NDArray logits) {
        int n = (int) logits.getShape().get(0);
        int k = (int) logits.getShape().get(1);
        float[] flat = logits.toFloatArray();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return rows;
    }

    /**
     * Selects some images of the batch from every array, unless all are selected in order. Either
     * way the arrays a technique receives belong to the work manager for the time of the call, so
     * everything the technique derives from them is released with it.
     */
    private final class Subset {
        private final NDManager work;
        private final NDArray index;
        private final Map<NDArray, NDArray> seen = new IdentityHashMap<>();

        Subset(NDManager work, int[] imageIndices, int batchSize) {
            this.work = work;
            boolean identity = imageIndices.length == batchSize
                    && IntStream.range(0, batchSize).allMatch(i -> imageIndices[i] == i);
            this.index = identity ? null : work.create(IntStream.of(imageIndices).asLongStream().toArray());
        }

        NDArray of(NDArray array) {
            return seen.computeIfAbsent(array, this::select);
        }

        private NDArray select(NDArray array) {
            if (index == null) {
                array.tempAttach(work);
                return array;
            }
            NDArray selected = array.get(index);
            selected.attach(work);
            return selected;
        }

        TapArrays tap(String name, TappedPass taps) {
            NDArray gradients = taps.hasGradients() ? of(taps.gradient(name)) : null;
            String problem = deadTaps.contains(name)
                    ? "the gradient at tap '" + name + "' is identically zero: the target logits do not reach it"
                            + " through autograd (a detached output, or a block run without autograd, such as"
                            + " DJL's PtSymbolBlock in inference mode; wrap TorchScript in TorchScriptBlock)"
                    : null;
            return new TapArrays(name, of(taps.activation(name)), gradients, problem);
        }
    }
}
