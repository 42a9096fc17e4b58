package io.github.cscore.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InceptionV3 (Szegedy et al. 2016, arXiv:1512.00567) as Keras builds it.
 *
 * <p>Every convolution is Keras' {@code conv2d_bn}: a convolution without bias, BatchNorm without
 * scale (epsilon 1e-3), ReLU. Backbone children: the stem {@code conv1} to {@code conv5} with
 * {@code pool1} and {@code pool2}, then the modules {@code mixed0} to {@code mixed10}: three
 * 35x35 modules (A), the grid reduction {@code mixed3} (B), four 17x17 modules with factorised 7x7
 * convolutions (C), the grid reduction {@code mixed8} (D) and two 8x8 modules with split 3x3
 * convolutions (E). Modules are numbered in order, so with fewer repeated modules the names stay
 * consecutive and the taps move with them.
 *
 * <p>Depth knob: the units per stage are the number of A, C and E modules ({3, 4, 2}). The first A
 * module has a 32-filter pooling branch and the others 64, as in Keras; C modules use 128, 160,
 * ..., 160 and finally 192 filters in their 7x7 branches, so the last C module always matches
 * Keras' {@code mixed7}.
 */
final class InceptionV3 implements Topology {

    static final int[] REFERENCE_BLOCKS = {3, 4, 2};
    private static final float EPSILON = 1e-3f;

    /** {@inheritDoc} */
    @Override
    public NamedSequentialBlock backbone(BuildPlan plan) {
        return new Modules(plan).backbone();
    }

    /** The module builders for one plan. */
    private static final class Modules {

        private final BuildPlan plan;
        private final KerasLayers layers;

        Modules(BuildPlan plan) {
            this.plan = plan;
            this.layers = new KerasLayers(EPSILON, plan.momentum(), false);
        }

        NamedSequentialBlock backbone() {
            NamedSequentialBlock backbone = new NamedSequentialBlock();
            boolean down = plan.stemDownsampling();
            backbone.add("conv1", convBn(32, 3, 3, down ? 2 : 1, false));
            backbone.add("conv2", convBn(32, 3, 3, 1, false));
            backbone.add("conv3", convBn(64, 3, 3, 1, true));
            if (down) {
                backbone.add("pool1", layers.maxPool(3, 2, 0));
            }
            backbone.add("conv4", convBn(80, 1, 1, 1, false));
            backbone.add("conv5", convBn(192, 3, 3, 1, false));
            if (down) {
                backbone.add("pool2", layers.maxPool(3, 2, 0));
            }
            int index = 0;
            for (int i = 0; i < plan.blocks(0); i++) {
                backbone.add("mixed" + index++, moduleA(i == 0 ? 32 : 64));
            }
            backbone.add("mixed" + index++, moduleB());
            int modulesC = plan.blocks(1);
            for (int i = 0; i < modulesC; i++) {
                int filters = i == modulesC - 1 ? 192 : i == 0 ? 128 : 160;
                backbone.add("mixed" + index++, moduleC(filters));
            }
            backbone.add("mixed" + index++, moduleD());
            for (int i = 0; i < plan.blocks(2); i++) {
                backbone.add("mixed" + index++, moduleE());
            }
            return backbone;
        }

        /** Keras' conv2d_bn: convolution ("same" or "valid"), scale-free BatchNorm, ReLU. */
        private Block convBn(int filters, int kernelH, int kernelW, int stride, boolean same) {
            int padH = same ? kernelH / 2 : 0;
            int padW = same ? kernelW / 2 : 0;
            return new NamedSequentialBlock()
                    .add("conv", layers.conv(plan.channels(filters), kernelH, kernelW, stride, padH, padW, false))
                    .add("bn", layers.batchNorm())
                    .add("relu", layers.relu());
        }

        private Block same(int filters, int kernelH, int kernelW) {
            return convBn(filters, kernelH, kernelW, 1, true);
        }

        private static NamedSequentialBlock chain(Block... blocks) {
            NamedSequentialBlock chain = new NamedSequentialBlock();
            for (int i = 0; i < blocks.length; i++) {
                chain.add("conv" + (i + 1), blocks[i]);
            }
            return chain;
        }

        private Block poolBranch(int filters) {
            return new NamedSequentialBlock()
                    .add("pool", layers.avgPool(3, 1, 1, false))
                    .add("conv", same(filters, 1, 1));
        }

        /** 35x35 module: 1x1, 5x5, double 3x3 and pooling branches (mixed0 to mixed2). */
        private Block moduleA(int poolFilters) {
            return new Branches(Branches.Join.CONCAT)
                    .add("branch1x1", same(64, 1, 1))
                    .add("branch5x5", chain(same(48, 1, 1), same(64, 5, 5)))
                    .add("branch3x3dbl", chain(same(64, 1, 1), same(96, 3, 3), same(96, 3, 3)))
                    .add("branch_pool", poolBranch(poolFilters));
        }

        /** Grid reduction 35x35 to 17x17 (mixed3). */
        private Block moduleB() {
            return new Branches(Branches.Join.CONCAT)
                    .add("branch3x3", convBn(384, 3, 3, 2, false))
                    .add("branch3x3dbl", chain(same(64, 1, 1), same(96, 3, 3), convBn(96, 3, 3, 2, false)))
                    .add("branch_pool", layers.maxPool(3, 2, 0));
        }

        /** 17x17 module with 7x7 convolutions factorised into 1x7 and 7x1 (mixed4 to mixed7). */
        private Block moduleC(int filters) {
            return new Branches(Branches.Join.CONCAT)
                    .add("branch1x1", same(192, 1, 1))
                    .add("branch7x7", chain(same(filters, 1, 1), same(filters, 1, 7), same(192, 7, 1)))
                    .add("branch7x7dbl", chain(same(filters, 1, 1), same(filters, 7, 1),
                            same(filters, 1, 7), same(filters, 7, 1), same(192, 1, 7)))
                    .add("branch_pool", poolBranch(192));
        }

        /** Grid reduction 17x17 to 8x8 (mixed8). */
        private Block moduleD() {
            return new Branches(Branches.Join.CONCAT)
                    .add("branch3x3", chain(same(192, 1, 1), convBn(320, 3, 3, 2, false)))
                    .add("branch7x7x3", chain(same(192, 1, 1), same(192, 1, 7), same(192, 7, 1),
                            convBn(192, 3, 3, 2, false)))
                    .add("branch_pool", layers.maxPool(3, 2, 0));
        }

        /** 8x8 module whose 3x3 branches end in parallel 1x3 and 3x1 convolutions (mixed9, mixed10). */
        private Block moduleE() {
            return new Branches(Branches.Join.CONCAT)
                    .add("branch1x1", same(320, 1, 1))
                    .add("branch3x3", chain(same(384, 1, 1), split()))
                    .add("branch3x3dbl", chain(same(448, 1, 1), same(384, 3, 3), split()))
                    .add("branch_pool", poolBranch(192));
        }

        private Block split() {
            return new Branches(Branches.Join.CONCAT).add("1x3", same(384, 1, 3)).add("3x1", same(384, 3, 1));
        }

    }

    /**
     * {@inheritDoc}
     *
     * <p>Primary: the last module (Keras {@code mixed10}). Multi-scale adds the last 17x17 module
     * (Keras {@code mixed7}).
     */
    @Override
    public CamTaps camTaps(BuildPlan plan) {
        int last = plan.blocks(0) + plan.blocks(1) + plan.blocks(2) + 1;
        int lastC = plan.blocks(0) + plan.blocks(1);
        String primary = "backbone/mixed" + last;
        return new CamTaps(primary, List.of("backbone/mixed" + lastC, primary));
    }

    /** {@inheritDoc} */
    @Override
    public Map<String, Shape> tapShapes(BuildPlan plan) {
        boolean down = plan.stemDownsampling();
        int size = valid(plan.inputSize(), down ? 2 : 1);
        size = size > 2 ? size - 2 : 0; // conv2 (valid); conv3 keeps the size
        size = down ? valid(size, 2) : size;
        size = size > 2 ? size - 2 : 0; // conv5 (valid)
        size = down ? valid(size, 2) : size;
        int finer = valid(size, 2);
        int last = valid(finer, 2);
        long finerChannels = 4L * plan.channels(192);
        long lastChannels = plan.channels(320) + 4L * plan.channels(384) + plan.channels(192);
        CamTaps taps = camTaps(plan);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(taps.primary(), new Shape(lastChannels, last, last));
        shapes.put(taps.multiScale().get(0), new Shape(finerChannels, finer, finer));
        return shapes;
    }

    /** Output size of an unpadded 3x3 window with the given stride; 0 if nothing is left. */
    private static int valid(int size, int stride) {
        return size < 3 ? 0 : (size - 3) / stride + 1;
    }
}
