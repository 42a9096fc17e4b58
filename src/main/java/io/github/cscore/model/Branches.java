package io.github.cscore.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * Named branches that all read the same input and whose outputs are joined: concatenated along the
 * channel axis (Inception modules, DenseNet layers) or added (residual units).
 *
 * <p>Like {@link NamedSequentialBlock}, a branch added with {@code add("shortcut", b)} is stored as
 * {@code 01shortcut}. Unlike DJL's {@code ParallelBlock}, output shapes are computed, not found by
 * running the join on arrays, which keeps the initialisation of the reference-size networks cheap.
 * Taps cannot sit inside a {@code Branches}: only its joined output can be tapped, from the
 * sequential block that holds it.
 */
final class Branches extends AbstractBlock {

    private static final byte VERSION = 1;

    /** How branch outputs are combined. */
    enum Join {
        /** Concatenation along the channel axis (axis 1). */
        CONCAT,
        /** Element-wise sum; all branches must produce the same shape. */
        SUM
    }

    private final Join join;

    Branches(Join join) {
        super(VERSION);
        this.join = join;
    }

    /** A branch that passes its input through unchanged. */
    static Block identity() {
        return new LambdaBlock(x -> x, "identity") {
            @Override
            public Shape[] getOutputShapes(Shape[] inputShapes) {
                return inputShapes;
            }
        };
    }

    /** Appends a branch under a name unique within this block. */
    Branches add(String name, Block branch) {
        addChildBlock(name, branch);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList outputs = new NDList(children.size());
        for (Block branch : children.values()) {
            outputs.add(branch.forward(parameterStore, inputs, training, params).singletonOrThrow());
        }
        if (join == Join.CONCAT) {
            return new NDList(NDArrays.concat(outputs, 1));
        }
        NDArray sum = outputs.get(0);
        for (int i = 1; i < outputs.size(); i++) {
            sum = sum.add(outputs.get(i));
        }
        return new NDList(sum);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Block> branches = children.values();
        Shape first = branches.get(0).getOutputShapes(inputShapes)[0];
        long channels = first.get(1);
        for (int i = 1; i < branches.size(); i++) {
            Shape shape = branches.get(i).getOutputShapes(inputShapes)[0];
            boolean sameSpatial = shape.slice(2).equals(first.slice(2));
            if (!sameSpatial || (join == Join.SUM && !shape.equals(first))) {
                throw new IllegalArgumentException(
                        "branch outputs cannot be joined by " + join + ": " + first + " and " + shape);
            }
            channels += shape.get(1);
        }
        if (join == Join.SUM) {
            return new Shape[] {first};
        }
        long[] dims = first.getShape().clone(); // Shape hands out its own array
        dims[1] = channels;
        return new Shape[] {new Shape(dims)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block branch : children.values()) {
            branch.initialize(manager, dataType, inputShapes);
        }
    }
}
