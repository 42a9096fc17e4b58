package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Score-CAM's masked forward passes for the images of one explanation: the target logit of an
 * image masked by each of a set of activation channels.
 *
 * <p>Per image, the masks of a chunk of channels (every channel at the demo scale, see {@link
 * #MASK_CHUNK_BYTES}) are upsampled and min-maxed at once, then sliced into batches of masked
 * inputs, channels-last; each batch's target logits stay in the engine, and the scores of the image
 * come back as one array. The channels are sliced, never gathered through an index array made in
 * the JVM, and nothing is copied to the JVM. The bilinear matrices are built once for all images.
 *
 * <p>For the lower-resolution approximation the masks are upsampled to a smaller size than the
 * input's, and the image is resized (bilinear) to it once.
 */
final class MaskedForwards {

    /**
     * Upper bound of the masks built at once for one image, in bytes: every channel's mask at the
     * demo scale (512 masks of 64 x 64 take 8 MiB), a few batches' worth at 224 x 224.
     */
    static final long MASK_CHUNK_BYTES = 16L << 20;

    private static final float RANGE_EPSILON = 1e-7f;

    private final CamContext context;
    private final int batchSize;
    private final long pixels;
    private final NDArray rows;
    private final NDArray columnsT;
    private final NDArray imageRows;
    private final NDArray imageColumnsT;

    /**
     * Prepares the masked forwards of a context's images.
     *
     * @param context the explanation's context
     * @param tapShape the shape of one image's activations, (C, h, w)
     * @param batchSize masked inputs per forward pass
     * @param maskedSize the height and width of the masked inputs: the input's, or smaller for the
     *     lower-resolution approximation ({@link #maskedSize})
     */
    MaskedForwards(CamContext context, Shape tapShape, int batchSize, Shape maskedSize) {
        this.context = context;
        this.batchSize = batchSize;
        Shape input = context.input().getShape();
        int height = (int) maskedSize.get(0);
        int width = (int) maskedSize.get(1);
        this.pixels = (long) height * width;
        this.rows = matrix((int) tapShape.get(1), height);
        this.columnsT = matrix((int) tapShape.get(2), width).transpose();
        boolean resized = height != input.get(2) || width != input.get(3);
        this.imageRows = resized ? matrix((int) input.get(2), height) : null;
        this.imageColumnsT = resized ? matrix((int) input.get(3), width).transpose() : null;
    }

    /**
     * The height and width of the masked inputs: the input's, or scaled so that the longer side is
     * {@code size} if that is smaller (each side at least 1 pixel).
     *
     * @param input the input shape, (N, channels, H, W)
     * @param size the longer side wanted; 0 for the input's size
     * @return (height, width)
     */
    static Shape maskedSize(Shape input, int size) {
        long height = input.get(2);
        long width = input.get(3);
        long longer = Math.max(height, width);
        if (size == 0 || size >= longer) {
            return new Shape(height, width);
        }
        double scale = (double) size / longer;
        return new Shape(Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale)));
    }

    private NDArray matrix(int in, int out) {
        return context.manager().create(Bilinear.matrix(in, out), new Shape(out, in));
    }

    /**
     * Returns the target logit of the image masked by each channel's mask.
     *
     * @param activations the channels, (K, h, w)
     * @param image the image, (1, channels, H, W)
     * @param target the target class
     * @return the scores, (K), in the context's manager
     */
    NDArray scores(NDArray activations, NDArray image, int target) {
        int count = (int) activations.getShape().get(0);
        int chunk = chunkSize(batchSize, pixels);
        NDArray resized = imageRows == null ? image : imageRows.matMul(image).matMul(imageColumnsT);
        NDArray imageChannelsLast = channelsLast(resized);
        NDList parts = new NDList();
        for (int start = 0; start < count; start += chunk) {
            int end = Math.min(start + chunk, count);
            // A chunk's masks are freed before the next chunk's are built.
            try (NDManager chunkScope = context.manager().newSubManager()) {
                // Operations attach their results to their first operand's manager.
                rows.tempAttach(chunkScope);
                columnsT.tempAttach(chunkScope);
                NDArray selected = activations.get("{}:{}", start, end);
                selected.attach(chunkScope);
                batches(masks(selected, rows, columnsT), imageChannelsLast, target, parts);
            }
        }
        return NDArrays.concat(parts);
    }

    /**
     * The image with its channels last, (1, H, W, channels), contiguous. DJL has no memory-format
     * conversion: a transposed view is flattened (which copies it in the view's order) and
     * reshaped back.
     */
    static NDArray channelsLast(NDArray image) {
        Shape shape = image.getShape();
        return image.transpose(0, 2, 3, 1).reshape(-1).reshape(1, shape.get(2), shape.get(3), shape.get(1));
    }

    /**
     * Adds the target logits of each batch of masked inputs to {@code parts}. The masked inputs are
     * built channels-last and seen as (B, channels, H, W) through a transposed view, so that the
     * engine runs the network's convolutions channels-last (oneDNN's NHWC kernels) instead of
     * reordering every activation to its blocked layout and back around each convolution.
     */
    private void batches(NDArray masks, NDArray imageChannelsLast, int target, NDList parts) {
        int count = (int) masks.getShape().get(0);
        for (int start = 0; start < count; start += batchSize) {
            int end = Math.min(start + batchSize, count);
            try (NDManager batch = masks.getManager().newSubManager()) {
                NDArray batchMasks = masks.get("{}:{}", start, end);
                batchMasks.attach(batch);
                NDArray masked = batchMasks.expandDims(3).mul(imageChannelsLast).transpose(0, 3, 1, 2);
                NDArray logits = context.logits(masked);
                NDArray scores = logits.get(new NDIndex(":, {}", target));
                scores.attach(context.manager());
                parts.add(scores);
            }
            context.checkDeadline();
        }
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

    /**
     * Channels whose masks are built at once: as many whole batches as keep the masks of a chunk
     * within {@link #MASK_CHUNK_BYTES}, at least one batch.
     */
    static int chunkSize(int batchSize, long pixels) {
        long batches = MASK_CHUNK_BYTES / (Float.BYTES * pixels * batchSize);
        return (int) Math.max(1, Math.min(batches, Integer.MAX_VALUE / batchSize)) * batchSize;
    }
}
