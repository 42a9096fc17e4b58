package io.github.cscore.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A TorchScript feature extractor as a DJL block that keeps autograd on in inference mode.
 *
 * <p>DJL's {@link PtSymbolBlock} runs a TorchScript module without autograd when it is called with
 * {@code training=false}, which is how the monitor's pass calls every block: every tap inside or
 * below it would get an all-zero gradient. This block sets the module's mode itself and always
 * asks the engine to record the graph: with {@code training=false} the module runs in eval mode
 * (BatchNorm uses its running statistics and leaves them alone, dropout is off) yet gradients
 * flow through it; with {@code training=true} it runs in train mode as DJL would run it. Whether a
 * graph is recorded at all still depends on an open gradient collector, as for any DJL block.
 *
 * <p>The module's weights are loaded as trainable tensors, so a trainer fine-tunes them once
 * unfrozen. Its output must be one feature map, (N, C, H, W).
 */
public final class TorchScriptBlock extends AbstractBlock {

    private final PtSymbolBlock module;
    private final Path file;
    private final Shape featureShape;
    private Boolean trainMode; // the mode last set on the module; null before the first forward

    private TorchScriptBlock(PtSymbolBlock module, Path file, Shape featureShape) {
        this.module = addChildBlock("module", module);
        this.file = file;
        this.featureShape = featureShape;
    }

    /**
     * Loads a TorchScript file and checks, with one forward pass on zeros, that it maps an input of
     * the given shape to one 4-D feature map.
     *
     * @param manager a PyTorch engine manager that owns the module's weights
     * @param file the TorchScript file ({@code torch.jit.script} or {@code torch.jit.trace} output)
     * @param inputShape the shape of one input, (channels, height, width)
     * @return the block, whose parameters are the module's weights
     * @throws IllegalArgumentException naming the file, if it is missing, fails to load, fails on
     *     the input shape, or does not output exactly one 4-D feature map
     */
    public static TorchScriptBlock load(NDManager manager, Path file, Shape inputShape) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(inputShape, "inputShape");
        if (!(manager instanceof PtNDManager pytorch)) {
            throw new IllegalArgumentException("TorchScript file " + file + ": needs the PyTorch engine, but the manager is "
                    + manager.getEngine().getEngineName());
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TorchScript file " + file + ": no such file");
        }
        PtSymbolBlock module;
        try {
            // trainParam=true: otherwise DJL loads the weights as inference tensors, frozen for autograd.
            module = JniUtils.loadModule(pytorch, file.toAbsolutePath(), false, new String[0], new String[0], true);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TorchScript file " + file + " failed to load: " + firstLine(e), e);
        }
        return new TorchScriptBlock(module, file, probe(module, file, manager, inputShape));
    }

    private static Shape probe(PtSymbolBlock module, Path file, NDManager manager, Shape inputShape) {
        try (NDManager work = manager.newSubManager()) {
            NDArray zeros = work.zeros(new Shape(1).addAll(inputShape), DataType.FLOAT32);
            JniUtils.enableInferenceMode(module);
            NDList out;
            try {
                out = IValueUtils.forward(module, new NDList(zeros), false);
            } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("TorchScript file " + file + " fails on an input of shape (N, "
                        + inputShape + "): " + firstLine(e), e);
            }
            if (out.size() != 1 || out.get(0).getShape().dimension() != 4) {
                throw new IllegalArgumentException("TorchScript file " + file + " must output one 4-D feature map"
                        + " (N, C, H, W) to be a backbone, but for an input of shape (1, " + inputShape + ") it output "
                        + out.getShapes().length + " array(s) of shape " + java.util.Arrays.toString(out.getShapes()));
            }
            return out.get(0).getShape().slice(1);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * Returns the file the module was loaded from.
     *
     * @return the TorchScript file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the shape of one image's feature map.
     *
     * @return (channels, height, width)
     */
    public Shape featureShape() {
        return featureShape;
    }

    /**
     * Returns the loaded module, for calls DJL offers only on it (for example {@code
     * IValueUtils.runMethod}).
     *
     * @return the TorchScript module
     */
    public PtSymbolBlock module() {
        return module;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        setMode(training);
        // isTrain=true only tells DJL not to disable autograd; the module's mode was set above.
        return IValueUtils.forward(module, inputs, true);
    }

    private void setMode(boolean training) {
        if (trainMode == null || trainMode != training) {
            if (training) {
                JniUtils.enableTrainingMode(module);
            } else {
                JniUtils.enableInferenceMode(module);
            }
            trainMode = training;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)).addAll(featureShape)};
    }

    /** The module's weights were loaded with it: nothing to initialise. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}

    @Override
    public String toString() {
        return "TorchScriptBlock(" + file.getFileName() + " -> " + featureShape + ")";
    }
}
