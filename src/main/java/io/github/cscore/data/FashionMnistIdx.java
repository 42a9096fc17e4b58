package io.github.cscore.data;

import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fashion-MNIST read from local IDX files (by default those of Debian's {@code
 * dataset-fashion-mnist} package): real product photographs rather than synthetic images,
 * 28 x 28 greyscale, ten kinds of clothing, 60000 for training and 10000 for testing, 10% per
 * class.
 *
 * <p>Unlike DJL's own {@code FashionMnist}, nothing is downloaded. A class subset turns it into a
 * smaller task, for example {@code optClasses("T-shirt/top", "Shirt")} for a binary one like the
 * paper's; the chosen classes are relabelled 0 to k-1 in the order given. Images are kept at
 * 28 x 28 (784 bytes each, 47 MB for the training file) and upsampled bilinearly to the model
 * input size, replicated to 3 channels and normalised when an item is read.
 */
public final class FashionMnistIdx extends StoredImageDataset {

    /** The directory Debian's {@code dataset-fashion-mnist} package installs the files to. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The ten class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The default image side the images are upsampled to, the paper networks' input. */
    public static final int DEFAULT_IMAGE_SIZE = 224;

    private static final int SIDE = 28;

    private final Dataset.Usage usage;

    private FashionMnistIdx(Builder builder, List<String> classNames, PixelStore store) {
        super(builder, classNames, store);
        this.usage = builder.usage;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder with every optional value at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns which file pair the dataset was read from.
     *
     * @return {@code TRAIN} or {@code TEST}
     */
    public Dataset.Usage usage() {
        return usage;
    }

    /** Builds a {@link FashionMnistIdx}; only {@code setSampling} is required. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {

        private Path directory = DEFAULT_DIRECTORY;
        private Dataset.Usage usage = Dataset.Usage.TRAIN;
        private List<String> classes = CLASS_NAMES;
        private int limitPerClass = Integer.MAX_VALUE;
        private int imageSize = DEFAULT_IMAGE_SIZE;
        private Normalization normalization = Normalization.IMAGENET;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the directory holding {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte}, each
         * gzip-compressed ({@code .gz}) or not. Default {@link #DEFAULT_DIRECTORY}.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder optDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets which files to read: {@code TRAIN} (60000 images) or {@code TEST} (10000).
         * Default {@code TRAIN}.
         *
         * @param usage {@code TRAIN} or {@code TEST}
         * @return this builder
         * @throws IllegalArgumentException for {@code VALIDATION}, which Fashion-MNIST lacks
         */
        public Builder optUsage(Dataset.Usage usage) {
            Objects.requireNonNull(usage, "usage");
            if (usage == Dataset.Usage.VALIDATION) {
                throw new IllegalArgumentException(
                        "usage must be TRAIN or TEST (Fashion-MNIST has no validation file), but was "
                                + usage);
            }
            this.usage = usage;
            return this;
        }

        /**
         * Keeps only some classes, relabelled 0 to k-1 in the order given. Default: all ten.
         *
         * @param classNames at least two distinct names from {@link #CLASS_NAMES}
         * @return this builder
         * @throws IllegalArgumentException for an unknown or repeated name, or fewer than two
         */
        public Builder optClasses(String... classNames) {
            List<String> chosen = List.of(classNames);
            for (String name : chosen) {
                if (!CLASS_NAMES.contains(name)) {
                    throw new IllegalArgumentException(
                            "class '" + name + "' is not a Fashion-MNIST class; expected one of "
                                    + CLASS_NAMES);
                }
            }
            if (chosen.size() < 2 || chosen.stream().distinct().count() != chosen.size()) {
                throw new IllegalArgumentException(
                        "classes must be at least two distinct names, but were " + chosen);
            }
            this.classes = chosen;
            return this;
        }

        /**
         * Keeps at most this many images of each class: the first ones in file order. Default:
         * no limit.
         *
         * @param limitPerClass the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder optLimitPerClass(int limitPerClass) {
            if (limitPerClass < 1) {
                throw new IllegalArgumentException(
                        "limitPerClass must be at least 1, but was " + limitPerClass);
            }
            this.limitPerClass = limitPerClass;
            return this;
        }

        /**
         * Sets the side of the square images the network receives (bilinear upsampling from 28).
         * Default 224.
         *
         * @param imageSize the side in pixels, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the size is below 1
         */
        public Builder optImageSize(int imageSize) {
            if (imageSize < 1) {
                throw new IllegalArgumentException("imageSize must be at least 1, but was " + imageSize);
            }
            this.imageSize = imageSize;
            return this;
        }

        /**
         * Sets how pixel values are normalised. Default {@link Normalization#IMAGENET}.
         *
         * @param normalization the normalisation
         * @return this builder
         */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /**
         * Reads and checks the image and label files and keeps the chosen items.
         *
         * @return the dataset
         * @throws IllegalArgumentException naming the file if a file is missing, has a wrong
         *     magic number or sizes, is truncated, or the two files disagree
         * @throws IOException if a file cannot be read
         */
        public FashionMnistIdx build() throws IOException {
            String prefix = usage == Dataset.Usage.TRAIN ? "train" : "t10k";
            Path imageFile = locate(prefix + "-images-idx3-ubyte");
            Path labelFile = locate(prefix + "-labels-idx1-ubyte");
            IdxFile images = IdxFile.read(imageFile, IdxFile.IMAGES_MAGIC);
            IdxFile labels = IdxFile.read(labelFile, IdxFile.LABELS_MAGIC);
            checkAgreement(images, labels, imageFile, labelFile);
            return new FashionMnistIdx(this, classes, select(images, labels, labelFile));
        }

        private Path locate(String name) {
            Path gz = directory.resolve(name + ".gz");
            if (Files.isRegularFile(gz)) {
                return gz;
            }
            Path raw = directory.resolve(name);
            if (Files.isRegularFile(raw)) {
                return raw;
            }
            throw new IllegalArgumentException("Fashion-MNIST file not found: " + gz
                    + " (nor uncompressed); install Debian's dataset-fashion-mnist package, or put the four files there");
        }

        private static void checkAgreement(IdxFile images, IdxFile labels, Path imageFile, Path labelFile) {
            if (images.dimensions()[1] != SIDE || images.dimensions()[2] != SIDE) {
                throw new IllegalArgumentException("Fashion-MNIST images must be 28 x 28, but were "
                        + images.dimensions()[1] + " x " + images.dimensions()[2] + " in " + imageFile);
            }
            if (images.count() != labels.count()) {
                throw new IllegalArgumentException("image and label files disagree: " + images.count()
                        + " images in " + imageFile + " but " + labels.count() + " labels in " + labelFile);
            }
        }

        private PixelStore select(IdxFile images, IdxFile labels, Path labelFile) {
            int[] taken = new int[classes.size()];
            List<byte[]> pixels = new ArrayList<>();
            List<Integer> newLabels = new ArrayList<>();
            byte[] all = images.values();
            int plane = SIDE * SIDE;
            for (int i = 0; i < labels.count(); i++) {
                int original = labels.values()[i] & 0xFF;
                if (original >= CLASS_NAMES.size()) {
                    throw new IllegalArgumentException(
                            "label " + original + " of item " + i + " is not in 0..9 in " + labelFile);
                }
                int label = classes.indexOf(CLASS_NAMES.get(original));
                if (label >= 0 && taken[label] < limitPerClass) {
                    taken[label]++;
                    pixels.add(Arrays.copyOfRange(all, i * plane, (i + 1) * plane));
                    newLabels.add(label);
                }
            }
            return new PixelStore(pixels.toArray(new byte[0][]),
                    newLabels.stream().mapToInt(Integer::intValue).toArray(),
                    SIDE, SIDE, imageSize, normalization);
        }
    }
}
