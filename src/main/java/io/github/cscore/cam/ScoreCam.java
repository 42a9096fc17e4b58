package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.result.Technique;
import io.github.cscore.score.Softmax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Score-CAM (Wang et al., CVPR Workshops 2020, arXiv:1910.01279): each channel's weight is the
 * model's target logit on the input masked by that channel.
 *
 * <p>For channel k, the mask M_k is A_k upsampled (bilinear) to the input size and min-maxed to
 * [0, 1] (a constant channel gives an all-zero mask); score_k is the target logit of f(X * M_k),
 * with X the input as fed to the model; w = softmax over channels of the scores. The masked inputs
 * are run in batches of {@link ScoreCamConfig#batchSize()}. With a top-K preselection, only K
 * channels are masked, chosen by activation variance or by gradient contribution ({@link
 * ChannelSelection}), and the softmax and the sum run over them; for K = C this is the exact
 * method.
 */
public final class ScoreCam extends ChannelWeightedCam {

    private static final float RANGE_EPSILON = 1e-7f;

    /**
     * Upper bound of the masks built at once for one image, in bytes: every channel's mask at the
     * demo scale (512 masks of 64 x 64 take 8 MiB), a few batches' worth at 224 x 224.
     */
    static final long MASK_CHUNK_BYTES = 16L << 20;

    private final ScoreCamConfig config;

    /**
     * Creates Score-CAM with the given batching and channel preselection. Hand it to the monitor
     * or the explainer with {@code optImplementation}; what must be recorded of it (a sidecar
     * evaluator's manifest) is read back with {@link #config()}.
     *
     * @param config the batch size and top-K
     */
    public ScoreCam(ScoreCamConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Creates the exact Score-CAM in batches of 32 ({@link ScoreCamConfig#ofDefaults()}). */
    public ScoreCam() {
        this(ScoreCamConfig.ofDefaults());
    }

    /**
     * Returns this instance's batching and channel preselection.
     *
     * @return the configuration
     */
    public ScoreCamConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    public boolean needsGradients() {
        return config.needsGradients();
    }

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.SCORE_CAM;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray channelWeights(TapArrays tap, CamContext context) {
        NDArray activations = tap.activations();
        int[] targets = context.targets();
        List<NDArray> weights = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            NDArray image = context.input().get(new NDIndex("{}:{}", i, i + 1));
            NDArray gradients = config.needsGradients() ? tap.gradients().get(i) : null;
            weights.add(imageWeights(activations.get(i), gradients, image, targets[i], context));
        }
        return NDArrays.stack(new NDList(weights));
    }

    /** Weights (C) of one image: softmax of masked scores over the chosen channels, 0 elsewhere. */
    private NDArray imageWeights(
            NDArray activations, NDArray gradients, NDArray image, int target, CamContext context) {
        Shape tapShape = activations.getShape();
        Shape inputShape = image.getShape();
        NDManager manager = context.manager();
        NDArray rows = manager.create(
                Bilinear.matrix((int) tapShape.get(1), (int) inputShape.get(2)),
                new Shape(inputShape.get(2), tapShape.get(1)));
        NDArray columnsT = manager.create(
                        Bilinear.matrix((int) tapShape.get(2), (int) inputShape.get(3)),
                        new Shape(inputShape.get(3), tapShape.get(2)))
                .transpose();
        int[] chosen = chooseChannels(activations, gradients);
        int chunk = chunkSize(config.batchSize(), inputShape.get(2) * inputShape.get(3));
        float[] scores = new float[chosen.length];
        for (int start = 0; start < chosen.length; start += chunk) {
            int end = Math.min(start + chunk, chosen.length);
            // The masks of a chunk of channels (all of them at the demo scale) are built at once,
            // then sliced into batches; they are freed before the next chunk is built.
            try (NDManager chunkScope = manager.newSubManager()) {
                // Operations attach their results to their first operand's manager.
                rows.tempAttach(chunkScope);
                columnsT.tempAttach(chunkScope);
                image.tempAttach(chunkScope);
                NDArray selected = activations.get(chunkScope.create(slice(chosen, start, end)));
                selected.attach(chunkScope);
                NDArray masks = masks(selected, rows, columnsT);
                maskedScores(masks, image, target, context, scores, start);
            }
        }
        float[] weights = new float[(int) tapShape.get(0)];
        float[] softmax = Softmax.of(scores);
        for (int k = 0; k < chosen.length; k++) {
            weights[chosen[k]] = softmax[k];
        }
        return manager.create(weights);
    }

    /** Target logits of the image masked by each mask, batch by batch, into {@code scores[offset...]}. */
    private void maskedScores(
            NDArray masks, NDArray image, int target, CamContext context, float[] scores, int offset) {
        int count = (int) masks.getShape().get(0);
        for (int start = 0; start < count; start += config.batchSize()) {
            int end = Math.min(start + config.batchSize(), count);
            try (NDManager batch = masks.getManager().newSubManager()) {
                NDArray batchMasks = masks.get("{}:{}", start, end);
                batchMasks.attach(batch);
                NDArray logits = context.logits(batchMasks.expandDims(1).mul(image));
                float[] batchScores = logits.get(new NDIndex(":, {}", target)).toFloatArray();
                System.arraycopy(batchScores, 0, scores, offset + start, batchScores.length);
            }
            context.checkDeadline();
        }
    }

    /**
     * Channels whose masks are built at once: as many whole batches as keep the masks of a chunk
     * within {@link #MASK_CHUNK_BYTES}, at least one batch.
     */
    static int chunkSize(int batchSize, long pixels) {
        long batches = MASK_CHUNK_BYTES / (Float.BYTES * pixels * batchSize);
        return (int) Math.max(1, Math.min(batches, Integer.MAX_VALUE / batchSize)) * batchSize;
    }

    /** Upsampled, per-channel min-maxed masks, (B, H, W); a constant channel gives zeros. */
    static NDArray masks(NDArray selected, NDArray rows, NDArray columnsT) {
        NDArray upsampled = rows.matMul(selected).matMul(columnsT);
        // The PyTorch engine reduces min and max over one axis at a time.
        NDArray min = upsampled.min(new int[] {2}, true).min(new int[] {1}, true);
        NDArray range = upsampled.max(new int[] {2}, true).max(new int[] {1}, true).sub(min);
        NDArray usable = range.gte(RANGE_EPSILON).toType(upsampled.getDataType(), false);
        return upsampled.sub(min).div(range.maximum(RANGE_EPSILON)).mul(usable);
    }

    /** The channels to mask, in increasing order: all of them, or the top K by the chosen rule. */
    private int[] chooseChannels(NDArray activations, NDArray gradients) {
        int channels = (int) activations.getShape().get(0);
        int k = config.topK() == 0 ? channels : Math.min(config.topK(), channels);
        if (k == channels) {
            return IntStream.range(0, channels).toArray();
        }
        NDArray flat = activations.reshape(channels, -1);
        NDArray ranking = switch (config.selection()) {
            case ACTIVATION_VARIANCE -> flat.sub(flat.mean(new int[] {1}, true)).square().mean(new int[] {1});
            case GRADIENT_CONTRIBUTION -> flat.mean(new int[] {1})
                    .mul(gradients.reshape(channels, -1).mean(new int[] {1}));
        };
        long[] order = ranking.neg().argSort().toLongArray();
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            chosen[i] = (int) order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static long[] slice(int[] values, int start, int end) {
        long[] slice = new long[end - start];
        for (int i = start; i < end; i++) {
            slice[i - start] = values[i];
        }
        return slice;
    }
}
