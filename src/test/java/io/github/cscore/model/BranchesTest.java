package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineManagerExtension.class)
class BranchesTest {

    private static LambdaBlock times(float factor) {
        return LambdaBlock.singleton(x -> x.mul(factor));
    }

    @Test
    void concatenatesAlongChannelsInBranchOrder(NDManager manager) {
        Branches branches = new Branches(Branches.Join.CONCAT)
                .add("same", Branches.identity())
                .add("double", times(2));
        NDArray x = manager.create(new float[] {1, 2}, new Shape(1, 2, 1, 1));
        branches.initialize(manager, DataType.FLOAT32, x.getShape());

        NDArray out = branches.forward(new ParameterStore(manager, false), new NDList(x), false).head();

        assertEquals(new Shape(1, 4, 1, 1), out.getShape());
        assertArrayEquals(new float[] {1, 2, 2, 4}, out.toFloatArray());
        assertEquals(new Shape(1, 4, 1, 1), branches.getOutputShapes(new Shape[] {x.getShape()})[0]);
    }

    @Test
    void sumsBranchesElementWise(NDManager manager) {
        Branches branches = new Branches(Branches.Join.SUM)
                .add("shortcut", Branches.identity())
                .add("residual", times(3));
        NDArray x = manager.create(new float[] {1, -2}, new Shape(1, 2, 1, 1));
        branches.initialize(manager, DataType.FLOAT32, x.getShape());

        NDArray out = branches.forward(new ParameterStore(manager, false), new NDList(x), false).head();

        assertArrayEquals(new float[] {4, -8}, out.toFloatArray());
    }

    @Test
    void shapeInferenceLeavesTheInputShapeAlone() {
        Shape input = new Shape(1, 3, 5, 5);
        Branches branches = new Branches(Branches.Join.CONCAT)
                .add("a", Branches.identity())
                .add("b", Branches.identity());

        branches.getOutputShapes(new Shape[] {input});

        assertEquals(new Shape(1, 3, 5, 5), input);
    }

    @Test
    void rejectsSumOfDifferentShapes() {
        Branches branches = new Branches(Branches.Join.SUM)
                .add("a", Branches.identity())
                .add("b", new KerasLayers(1e-3f, 0.9f, false).maxPool(1, 2, 0));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> branches.getOutputShapes(new Shape[] {new Shape(1, 3, 4, 4)}));

        assertEquals("branch outputs cannot be joined by SUM: (1, 3, 4, 4) and (1, 3, 2, 2)", e.getMessage());
    }
}
