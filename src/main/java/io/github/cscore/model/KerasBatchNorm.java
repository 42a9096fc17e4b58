package io.github.cscore.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalisation over the channel axis with the semantics of Keras' {@code
 * BatchNormalization} layer, as the three reference architectures use it.
 *
 * <p>Two differences from DJL's {@link BatchNorm}, both needed to reproduce Keras:
 *
 * <ul>
 *   <li>Without scale there is no {@code gamma} parameter at all (DJL keeps an unused one), so the
 *       parameter file and the parameter count hold exactly Keras' variables: InceptionV3 uses
 *       {@code scale=False}.
 *   <li>A frozen layer (its {@code beta} does not require a gradient) normalises with its running
 *       statistics and leaves them untouched, also while training: Keras runs a non-trainable
 *       {@code BatchNormalization} in inference mode. Without this, a transfer-learning step on a
 *       frozen backbone would still move the backbone's running statistics.
 * </ul>
 *
 * <p>Parameters, in file order: {@code gamma} (only with scale), {@code beta}, {@code
 * runningMean}, {@code runningVar}, each of shape (channels).
 */
final class KerasBatchNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final boolean scale;
    private final float epsilon;
    private final float momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels;

    /**
     * Creates a batch normalisation layer.
     *
     * @param scale whether the layer has a learned scale {@code gamma}
     * @param epsilon added to the variance before the square root
     * @param momentum weight of the old running statistic in each update (Keras convention)
     */
    KerasBatchNorm(boolean scale, float epsilon, float momentum) {
        super(VERSION);
        this.scale = scale;
        this.epsilon = epsilon;
        this.momentum = momentum;
        gamma = scale ? addParameter(parameter("gamma", Parameter.Type.GAMMA, true)) : null;
        beta = addParameter(parameter("beta", Parameter.Type.BETA, true));
        runningMean = addParameter(parameter("runningMean", Parameter.Type.RUNNING_MEAN, false));
        runningVar = addParameter(parameter("runningVar", Parameter.Type.RUNNING_VAR, false));
    }

    private static Parameter parameter(String name, Parameter.Type type, boolean trainable) {
        return Parameter.builder().setName(name).setType(type).optRequiresGrad(trainable).build();
    }

    /** Tells whether this layer has a learned scale. */
    boolean hasScale() {
        return scale;
    }

    /** The epsilon added to the variance. */
    float epsilon() {
        return epsilon;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        // Keras: a non-trainable BatchNormalization always runs in inference mode.
        boolean updateStatistics = training && beta.requiresGradient();
        NDArray betaValue = parameterStore.getValue(beta, device, training);
        NDArray gammaValue =
                scale
                        ? parameterStore.getValue(gamma, device, training)
                        // The PyTorch engine rejects a missing weight: a constant one is no scale.
                        : input.getManager().ones(betaValue.getShape(), input.getDataType(), device);
        return BatchNorm.batchNorm(
                input,
                parameterStore.getValue(runningMean, device, training),
                parameterStore.getValue(runningVar, device, training),
                gammaValue,
                betaValue,
                1,
                momentum,
                epsilon,
                updateStatistics);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    /** {@inheritDoc} */
    @Override
    public void prepare(Shape[] inputShapes) {
        for (Parameter parameter : getDirectParameters().values()) {
            parameter.setShape(new Shape(channels));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    /** {@inheritDoc} */
    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is)
            throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException(
                    "KerasBatchNorm parameters must have version " + VERSION + ", but was "
                            + loadVersion);
        }
        readInputShapes(is);
        channels = is.readLong();
    }
}
