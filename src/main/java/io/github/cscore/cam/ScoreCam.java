package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.result.Technique;

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
 * are run in batches of {@link ScoreCamConfig#batchSize()} ({@link MaskedForwards}).
 *
 * <p>The default is the exact method. Approximations are named options of {@link ScoreCamConfig},
 * never on by default: a top-K preselection masks only K channels, chosen by activation variance
 * or by gradient contribution ({@link ChannelSelection}), and the softmax and the sum run over
 * them; channel groups ({@link ChannelGrouping}) mask G groups and give every member its group's
 * score; a lower resolution runs the masked forward passes on a smaller input. Each is the exact
 * method where it approximates nothing (K = C, G = C, the input's size).
 */
public final class ScoreCam extends ChannelWeightedCam {

    /**
     * Memory bound of one batch's largest activation when Score-CAM chooses the batch size. The
     * engine takes each activation of a forward pass from the C allocator; glibc serves a block
     * above its mmap threshold (32 MiB at most) with fresh pages from the kernel, which every
     * forward pass then faults in and zeroes again: with batches of 32 that cost more than the
     * convolutions on the demo's network. Measured per architecture in docs/performance.md.
     */
    static final long BATCH_ACTIVATION_BYTES = 16L << 20;

    /** The largest batch Score-CAM chooses: larger ones were not faster per image (docs/performance.md). */
    static final int MAX_AUTOMATIC_BATCH_SIZE = 32;

    /** The batch size chosen when the network's activation sizes are unknown. */
    static final int FALLBACK_BATCH_SIZE = 16;

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

    /** Creates the exact Score-CAM in batches chosen per network ({@link ScoreCamConfig#ofDefaults()}). */
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

    /**
     * {@inheritDoc}
     *
     * <p>No: each image explained costs a batch of masked forwards per channel batch.
     */
    @Override
    public boolean explainsEverySampleImage() {
        return false;
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
        Shape input = context.input().getShape();
        Shape maskedSize = MaskedForwards.maskedSize(input, config.maskedInputSize());
        // A smaller masked input has proportionally smaller activations.
        double shrink = (double) maskedSize.size() / (input.get(2) * input.get(3));
        int batchSize = config.batchSize() == ScoreCamConfig.AUTOMATIC_BATCH_SIZE
                ? automaticBatchSize(Math.round(context.largestActivation() * shrink))
                : config.batchSize();
        MaskedForwards forwards = new MaskedForwards(context, activations.getShape().slice(1), batchSize, maskedSize);
        List<NDArray> weights = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            NDArray image = context.input().get(new NDIndex("{}:{}", i, i + 1));
            NDArray gradients = config.needsGradients() ? tap.gradients().get(i) : null;
            weights.add(imageWeights(activations.get(i), gradients, image, targets[i], forwards));
        }
        return NDArrays.stack(new NDList(weights));
    }

    /** Weights (C) of one image: softmax of masked scores over the chosen channels, 0 elsewhere. */
    private NDArray imageWeights(
            NDArray activations, NDArray gradients, NDArray image, int target, MaskedForwards forwards) {
        int channels = (int) activations.getShape().get(0);
        int[] chosen = chooseChannels(activations, gradients);
        if (chosen.length == channels) {
            return scores(activations, image, target, forwards).softmax(0);
        }
        NDManager manager = activations.getManager();
        NDArray selected = activations.get(manager.create(Arrays.stream(chosen).asLongStream().toArray()));
        float[] softmax = scores(selected, image, target, forwards).softmax(0).toFloatArray();
        float[] weights = new float[channels];
        for (int k = 0; k < chosen.length; k++) {
            weights[chosen[k]] = softmax[k];
        }
        return manager.create(weights);
    }

    /** Each channel's score: its own masked logit, or its group's with channel groups. */
    private NDArray scores(NDArray selected, NDArray image, int target, MaskedForwards forwards) {
        if (config.groups() == 0 || config.groups() >= selected.getShape().get(0)) {
            return forwards.scores(selected, image, target);
        }
        ChannelGroups groups = ChannelGroups.of(selected, config.groups(), config.grouping());
        return forwards.scores(groups.maps(), image, target).get(groups.labels());
    }

    /**
     * The batch size chosen per network: as many masked inputs as keep one batch's largest
     * activation within {@link #BATCH_ACTIVATION_BYTES}, between 1 and {@link
     * #MAX_AUTOMATIC_BATCH_SIZE}; {@link #FALLBACK_BATCH_SIZE} when the network's activations are
     * unknown.
     *
     * @param largestActivation values in one image's largest activation, or -1 if unknown
     * @return the batch size
     */
    static int automaticBatchSize(long largestActivation) {
        if (largestActivation <= 0) {
            return FALLBACK_BATCH_SIZE;
        }
        long batch = BATCH_ACTIVATION_BYTES / (Float.BYTES * largestActivation);
        return (int) Math.max(1, Math.min(batch, MAX_AUTOMATIC_BATCH_SIZE));
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
}
