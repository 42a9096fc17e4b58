package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

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
 * are run in batches of {@link ScoreCamConfig#batchSize()}. With a top-K preselection, only K
 * channels are masked, chosen by activation variance or by gradient contribution ({@link
 * ChannelSelection}), and the softmax and the sum run over them; for K = C this is the exact
 * method.
 */
public final class ScoreCam extends ChannelWeightedCam {

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
        MaskedForwards forwards = new MaskedForwards(context, activations.getShape().slice(1), config.batchSize());
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
            return forwards.scores(activations, image, target).softmax(0);
        }
        NDManager manager = activations.getManager();
        NDArray selected = activations.get(manager.create(Arrays.stream(chosen).asLongStream().toArray()));
        float[] softmax = forwards.scores(selected, image, target).softmax(0).toFloatArray();
        float[] weights = new float[channels];
        for (int k = 0; k < chosen.length; k++) {
            weights[chosen[k]] = softmax[k];
        }
        return manager.create(weights);
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
