package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import io.github.cscore.result.Technique;
import io.github.cscore.score.Softmax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Score-CAM as implemented at commit 6fee823, before its masked forwards were made cheaper: kept
 * verbatim (only renamed) as the oracle that the optimised {@link ScoreCam} must match to float
 * tolerance, and as the "before" of the Score-CAM benchmarks.
 *
 * <p>Per image and per batch of masked inputs it gathers the batch's channels through an index
 * array made in the JVM, upsamples and min-maxes their masks, runs the masked inputs through the
 * block as {@code TappedModel.logits} did then (the contiguous NCHW layout, in whatever gradient
 * mode the calling thread is in), and copies the batch's target logits to the JVM; the softmax over
 * channels runs in the JVM.
 */
public final class ReferenceScoreCam extends ChannelWeightedCam {

    private static final float RANGE_EPSILON = 1e-7f;

    private final ScoreCamConfig config;
    private final Block block;

    /**
     * Creates the reference Score-CAM.
     *
     * @param config the batch size and top-K
     * @param block the network's block, run on the masked inputs as {@code TappedModel.logits}
     *     ran it then: in the calling thread's gradient mode
     */
    public ReferenceScoreCam(ScoreCamConfig config, Block block) {
        this.config = Objects.requireNonNull(config, "config");
        this.block = Objects.requireNonNull(block, "block");
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
        float[] scores = new float[chosen.length];
        for (int start = 0; start < chosen.length; start += config.batchSize()) {
            int end = Math.min(start + config.batchSize(), chosen.length);
            // Each batch's masks and masked inputs are freed before the next batch is built.
            try (NDManager batch = manager.newSubManager()) {
                // Operations attach their results to their first operand's manager.
                rows.tempAttach(batch);
                columnsT.tempAttach(batch);
                image.tempAttach(batch);
                NDArray selected = activations.get(batch.create(slice(chosen, start, end)));
                selected.attach(batch);
                NDArray masks = masks(selected, rows, columnsT);
                NDArray logits = previousLogits(image.mul(masks.expandDims(1)));
                float[] batchScores = logits.get(new NDIndex(":, {}", target)).toFloatArray();
                System.arraycopy(batchScores, 0, scores, start, batchScores.length);
            }
            context.checkDeadline();
        }
        float[] weights = new float[(int) tapShape.get(0)];
        float[] softmax = Softmax.of(scores);
        for (int k = 0; k < chosen.length; k++) {
            weights[chosen[k]] = softmax[k];
        }
        return manager.create(weights);
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

    /** {@code TappedModel.logits} as it was at 6fee823 (without its one-image-at-a-time path). */
    private NDArray previousLogits(NDArray input) {
        ParameterStore store = new ParameterStore(input.getManager(), false);
        return block.forward(store, new NDList(input), false).singletonOrThrow();
    }

    private static long[] slice(int[] values, int start, int end) {
        long[] slice = new long[end - start];
        for (int i = start; i < end; i++) {
            slice[i - start] = values[i];
        }
        return slice;
    }
}
