package io.github.cscore.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.cscore.score.PairSums;
import io.github.cscore.score.SoftIou;

/**
 * The pairwise soft-IoU sums computed with batched NDArray operations on the DJL PyTorch engine,
 * to compare with {@link io.github.cscore.score.PairwiseSoftIou}.
 *
 * <p>The product form is one matrix product {@code E E^T}. The min/max form has no matrix
 * shortcut: a block of rows is broadcast against all maps, {@code minimum} gives a
 * {@code rows x n x pixels} tensor that is summed over pixels, and blocks are sized to keep that
 * tensor under {@link #MAX_BLOCK_ELEMENTS}. Unions follow from the map sums,
 * {@code S_i + S_j - intersection}, in both forms.
 */
final class NdArraySoftIou {

    /** The largest broadcast tensor, in elements (128 MiB of float32). */
    static final long MAX_BLOCK_ELEMENTS = 1L << 25;

    private NdArraySoftIou() {}

    static PairSums compute(NDManager manager, float[][] maps, float[] weights, SoftIou form) {
        return compute(manager, maps, weights, form, MAX_BLOCK_ELEMENTS);
    }

    static PairSums compute(
            NDManager manager, float[][] maps, float[] weights, SoftIou form, long maxBlockElements) {
        int n = maps.length;
        int pixels = maps[0].length;
        try (NDManager scope = manager.newSubManager()) {
            NDArray e = scope.create(flatten(maps), new Shape(n, pixels));
            NDArray sums = e.sum(new int[] {1});
            NDArray intersection = form == SoftIou.PRODUCT ? e.matMul(e.transpose())
                    : minSums(e, n, pixels, maxBlockElements);
            NDArray union = sums.expandDims(1).add(sums.expandDims(0)).sub(intersection);
            NDArray index = scope.arange(n);
            NDArray upper = index.expandDims(1).lt(index.expandDims(0));
            NDArray nonEmpty = union.gt(0f);
            // 0 / tiny = 0 for two flat maps instead of 0 / 0 = NaN.
            NDArray similarity = intersection.div(union.maximum(1e-30f)).clip(0f, 1f);
            NDArray w = scope.create(weights);
            NDArray pairWeights = w.expandDims(1).mul(w.expandDims(0)).mul(upper.toType(DataType.FLOAT32, false))
                    .toType(DataType.FLOAT64, false);
            double weighted = pairWeights.mul(similarity.toType(DataType.FLOAT64, false)).sum().getDouble();
            double total = pairWeights.sum().getDouble();
            long flat = upper.logicalAnd(nonEmpty.logicalNot()).toType(DataType.INT64, false).sum().getLong();
            return new PairSums(weighted, total, flat, (long) n * (n - 1) / 2);
        }
    }

    private static NDArray minSums(NDArray e, int n, int pixels, long maxBlockElements) {
        int rows = (int) Math.max(1, Math.min(n, maxBlockElements / ((long) n * pixels)));
        NDArray all = e.expandDims(0);
        NDList blocks = new NDList();
        for (int i0 = 0; i0 < n; i0 += rows) {
            int i1 = Math.min(n, i0 + rows);
            NDArray slice = e.get(i0 + ":" + i1);
            NDArray column = slice.expandDims(1);
            NDArray minima = column.minimum(all);
            blocks.add(minima.sum(new int[] {2}));
            // Free the block's temporaries now; left to the scope, they would pile up (for n = 1024
            // at 224 x 224, 1024 broadcast tensors of 205 MB).
            minima.close();
            column.close();
            slice.close();
        }
        return blocks.size() == 1 ? blocks.singletonOrThrow() : NDArrays.concat(blocks, 0);
    }

    private static float[] flatten(float[][] maps) {
        int pixels = maps[0].length;
        float[] flat = new float[maps.length * pixels];
        for (int i = 0; i < maps.length; i++) {
            System.arraycopy(maps[i], 0, flat, i * pixels, pixels);
        }
        return flat;
    }
}
