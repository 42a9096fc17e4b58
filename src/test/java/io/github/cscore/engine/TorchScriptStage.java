package io.github.cscore.engine;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One piece of a TorchScript network as a DJL block that {@link io.github.cscore.model.TappedModel}
 * can chain and tap between.
 *
 * <p>DJL runs a TorchScript module without autograd when asked for inference, which would give
 * all-zero gradients at any tap below it. This block always runs its module in training mode;
 * the exported modules have frozen BatchNorm and no dropout, so training mode computes the same
 * function and only keeps autograd on.
 */
final class TorchScriptStage extends AbstractBlock {

    private final Block module;
    private final Shape outputShape;

    /**
     * @param module the loaded TorchScript block
     * @param outputShape the shape of one image's output, without the batch dimension
     */
    TorchScriptStage(Block module, Shape outputShape) {
        this.module = addChildBlock("module", module);
        this.outputShape = outputShape;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return module.forward(parameterStore, inputs, true, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)).addAll(outputShape)};
    }

    /** The module's weights were loaded with it: nothing to initialise. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
}
