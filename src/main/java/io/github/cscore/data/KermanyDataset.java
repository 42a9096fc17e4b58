package io.github.cscore.data;

import ai.djl.training.dataset.RandomAccessDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The Kermany paediatric chest X-ray dataset read from its folder layout, {@code
 * chest_xray/{train,val,test}/{NORMAL,PNEUMONIA}/*.jpeg}, or any tree of the same shape (the
 * {@link io.github.cscore.data.phantom.ChestPhantoms} generator writes one).
 *
 * <p>{@link Builder#build()} decodes every file of the subset once, stretches it to {@code
 * imageSize} x {@code imageSize} (area averaging, as {@link Resampler} explains), and keeps the
 * resized 8-bit pixels: one byte per pixel for greyscale images and for colour files whose three
 * channels are equal, three bytes otherwise. At the default 224 that is 49 KiB per radiograph,
 * about 256 MiB for the whole public training folder. Items are normalised and replicated to 3
 * channels when read. Files that cannot be decoded are skipped, listed by {@link #skippedFiles()},
 * and reported in one warning line.
 *
 * <pre>{@code
 * KermanyDataset train = KermanyDataset.builder()
 *         .setRoot(Path.of("data/chest_xray"))
 *         .optSubset(KermanySubset.TRAIN)
 *         .setSampling(32, true)
 *         .build();
 * }</pre>
 */
public final class KermanyDataset extends StoredImageDataset {

    /** The default image size (side in pixels), the input of the paper's networks. */
    public static final int DEFAULT_IMAGE_SIZE = 224;
    /** The default share of each training class carved out for validation. */
    public static final float DEFAULT_VALIDATION_FRACTION = 0.1f;
    /** The default class folders, in label order (sorted, so NORMAL is 0 and PNEUMONIA 1). */
    public static final List<String> DEFAULT_CLASS_NAMES = List.of("NORMAL", "PNEUMONIA");


    private final KermanySubset subset;
    private final List<Path> files;
    private final List<Path> skippedFiles;

    private KermanyDataset(Builder builder, List<Path> files, List<Path> skippedFiles,
            PixelStore store) {
        super(builder, builder.classNames, store);
        this.subset = builder.subset;
        this.files = List.copyOf(files);
        this.skippedFiles = List.copyOf(skippedFiles);
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
     * Returns the subset this dataset holds.
     *
     * @return the subset given to the builder
     */
    public KermanySubset subset() {
        return subset;
    }

    /**
     * Returns the file of every item, in item order (class by class, then by file name).
     *
     * @return an unmodifiable list with one path per item
     */
    public List<Path> files() {
        return files;
    }

    /**
     * Returns the files of the subset that could not be decoded and were left out.
     *
     * @return an unmodifiable list, empty if every file was read
     */
    public List<Path> skippedFiles() {
        return skippedFiles;
    }

    /**
     * Returns the memory the cached pixels take.
     *
     * @return bytes of pixel data held, not counting Java object headers
     */
    public long cachedPixelBytes() {
        return store().pixelBytes();
    }

    /** Builds a {@link KermanyDataset}; {@link #setRoot(Path)} and {@code setSampling} are required. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {

        private Path root;
        private KermanySubset subset = KermanySubset.TRAIN;
        private int imageSize = DEFAULT_IMAGE_SIZE;
        private Normalization normalization = Normalization.IMAGENET;
        private float validationFraction = DEFAULT_VALIDATION_FRACTION;
        private long seed;
        private List<String> classNames = DEFAULT_CLASS_NAMES;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the folder that holds {@code train}, {@code val} and {@code test} (the {@code
         * chest_xray} folder of the download). Required.
         *
         * @param root the dataset root
         * @return this builder
         */
        public Builder setRoot(Path root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * Sets which images to load. Default {@link KermanySubset#TRAIN}.
         *
         * @param subset the subset
         * @return this builder
         */
        public Builder optSubset(KermanySubset subset) {
            this.subset = Objects.requireNonNull(subset, "subset");
            return this;
        }

        /**
         * Sets the side of the square images the network receives; every file is stretched to it.
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
         * Sets the share of each class of the {@code train} folder that forms {@link
         * KermanySubset#VALIDATION} and is left out of {@link KermanySubset#TRAIN}: {@code
         * round(fraction * n)} images per class, at least 1 and at most {@code n - 1}. Default
         * 0.1; 0 keeps all of {@code train} for training.
         *
         * @param validationFraction the fraction, in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if the fraction is outside [0, 1)
         */
        public Builder optValidationFraction(float validationFraction) {
            if (!(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException(
                        "validationFraction must be in [0, 1), but was " + validationFraction);
            }
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the seed of the validation carve-out. Default 0.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the class folders, in label order. Default {@code NORMAL, PNEUMONIA}.
         *
         * @param classNames at least two distinct folder names
         * @return this builder
         * @throws IllegalArgumentException if fewer than two or repeated names are given
         */
        public Builder optClassNames(List<String> classNames) {
            List<String> copy = List.copyOf(classNames);
            if (copy.size() < 2 || copy.stream().distinct().count() != copy.size()) {
                throw new IllegalArgumentException(
                        "classNames must be at least two distinct names, but were " + copy);
            }
            this.classNames = copy;
            return this;
        }

        /**
         * Lists, decodes and caches the subset.
         *
         * @return the dataset
         * @throws IllegalArgumentException if the root is not set, a folder is missing or holds
         *     no readable image, or {@link KermanySubset#VALIDATION} is asked for with a fraction
         *     of 0
         * @throws IOException if a folder cannot be listed
         */
        public KermanyDataset build() throws IOException {
            if (root == null) {
                throw new IllegalArgumentException("root must be set (setRoot)");
            }
            if (subset == KermanySubset.VALIDATION && validationFraction == 0) {
                throw new IllegalArgumentException(
                        "subset VALIDATION needs validationFraction > 0, but it was 0");
            }
            List<List<Path>> classFiles = KermanyTree.classFiles(root, subset.folder(), classNames);
            if (subset == KermanySubset.TRAIN || subset == KermanySubset.VALIDATION) {
                classFiles = ValidationCarveOut.part(
                        classFiles, validationFraction, seed, subset == KermanySubset.VALIDATION);
            }
            return KermanyLoading.load(this, classFiles);
        }

        Path root() {
            return root;
        }

        int imageSize() {
            return imageSize;
        }

        Normalization normalization() {
            return normalization;
        }

        KermanyDataset create(List<Path> files, List<Path> skipped, PixelStore store) {
            return new KermanyDataset(this, files, skipped, store);
        }
    }

}
