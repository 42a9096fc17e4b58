package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A generator of synthetic paediatric frontal chest radiographs, deterministic by seed, written in
 * the Kermany layout so that {@link KermanyDataset} reads them like the real dataset.
 *
 * <p>Each phantom shows a body silhouette, two dark lung fields, the mediastinum and spine, the
 * heart shadow, clavicles and ribs, with per-patient variation in position, size and brightness,
 * and Gaussian noise. A PNEUMONIA phantom also has one to three brighter patchy opacities inside
 * the lungs, of random place and size; a NORMAL phantom is drawn from exactly the same anatomy
 * distribution without them. Where every opacity lies is recorded ({@link PhantomAnnotation}), so
 * that explanation maps can be compared with the true lesions.
 *
 * <p><b>Shortcut marker.</b> With a shortcut rate {@code r > 0}, some images carry a bright letter
 * "L" in the top-left corner, outside the body, and its presence agrees with the label in exactly
 * {@code round(r * n)} of the {@code n} images of each class in each folder: that many PNEUMONIA
 * images carry it and that many NORMAL images do not. So {@code r = 1} marks exactly the PNEUMONIA
 * images (a perfect shortcut a network may learn instead of the lungs) and {@code r = 0.5} makes
 * the marker uninformative. {@code r = 0} (the default) draws no marker at all; rates between 0
 * and 0.5, which would make the marker a sign of NORMAL, are rejected.
 *
 * <p>Same seed and settings, same pixels, same files byte for byte (the drawing uses {@code
 * StrictMath} and per-image seeded generators, so the parallel writing order does not matter).
 */
public final class ChestPhantoms {

    /** The class folders in label order. */
    public static final List<String> CLASS_NAMES = List.of("NORMAL", "PNEUMONIA");
    /** The name of the manifest written next to the split folders. */
    public static final String MANIFEST_FILE_NAME = "phantoms.csv";
    /** The name of the settings file written next to the manifest, last of all files. */
    public static final String SETTINGS_FILE_NAME = "phantoms.json";
    /** The name of the file listing every image's SHA-256, in {@code sha256sum}'s format. */
    public static final String DIGESTS_FILE_NAME = "phantoms.sha256";
    /** The field of the settings file that holds the SHA-256 of {@value #DIGESTS_FILE_NAME}. */
    static final String CONTENT_DIGEST = "content_sha256";
    /** The default image side in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 128;

    private final long seed;
    private final Map<String, Object> settings;
    private final int imageSize;
    private final Map<KermanyFolder, Integer> imagesPerClass;
    private final Map<KermanyFolder, boolean[][]> markers = new EnumMap<>(KermanyFolder.class);
    private final PhantomRenderer renderer;

    private ChestPhantoms(Builder builder) {
        this.seed = builder.seed;
        this.imageSize = builder.imageSize;
        this.imagesPerClass = Map.copyOf(builder.imagesPerClass);
        for (KermanyFolder folder : KermanyFolder.values()) {
            markers.put(folder,
                    ShortcutPlan.of(seed, folder, imagesPerClass(folder), builder.shortcutRate));
        }
        this.renderer = new PhantomRenderer(
                imageSize, builder.noiseLevel, builder.minOpacityRadius, builder.maxOpacityRadius);
        this.settings = PhantomSettings.of(seed, imageSize, imagesPerClass, builder.shortcutRate,
                builder.noiseLevel, builder.minOpacityRadius, builder.maxOpacityRadius);
    }

    /**
     * Returns the settings that decide every pixel, as written to {@value #SETTINGS_FILE_NAME}.
     *
     * @return the settings, by name
     */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * Compares the settings of phantoms already written under a root with this generator's.
     *
     * @param chestXrayRoot a folder written by {@link #writeTo}
     * @return one line per setting that differs, such as {@code shortcut_rate 0.0 (here 1.0)};
     *     empty if the folder holds exactly what this generator would write
     * @throws IllegalArgumentException if the folder has no settings file, or an unreadable one
     * @throws IOException if the settings file cannot be read
     */
    public List<String> differencesFrom(Path chestXrayRoot) throws IOException {
        return PhantomSettings.differences(PhantomSettings.read(chestXrayRoot.resolve(SETTINGS_FILE_NAME)), settings);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder with every value at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a generator with every setting at its default.
     *
     * @return the default generator
     */
    public static ChestPhantoms ofDefaults() {
        return builder().build();
    }

    /**
     * Returns the number of images of each class in a folder.
     *
     * @param folder the folder
     * @return the count per class
     */
    public int imagesPerClass(KermanyFolder folder) {
        return imagesPerClass.get(folder);
    }

    /**
     * Renders one phantom in memory.
     *
     * @param folder the split folder it belongs to
     * @param label 0 (NORMAL) or 1 (PNEUMONIA)
     * @param index its number within the folder and class, from 0
     * @return the phantom
     * @throws IllegalArgumentException if the label or index is out of range
     */
    public Phantom render(KermanyFolder folder, int label, int index) {
        Objects.requireNonNull(folder, "folder");
        if (label < 0 || label >= CLASS_NAMES.size()) {
            throw new IllegalArgumentException("label must be 0 or 1, but was " + label);
        }
        int count = imagesPerClass(folder);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "index must be in [0, " + count + "), but was " + index);
        }
        Random rng = new Random(ShortcutPlan.mix(seed, folder.ordinal(), label, index));
        boolean rgbFile = rng.nextInt(4) == 0;
        boolean marker = markers.get(folder)[label][index];
        PhantomRenderer.Rendered image = renderer.render(rng, label == 1, marker);
        String className = CLASS_NAMES.get(label);
        String file = String.format("%s/%s/phantom-%05d.png", folder.folderName(), className, index);
        return new Phantom(new PhantomAnnotation(file, folder, className, imageSize, rgbFile,
                image.marker(), image.opacities()), image.pixels());
    }

    /**
     * Renders every phantom of one folder in memory: all NORMAL images, then all PNEUMONIA.
     *
     * @param folder the folder
     * @return the phantoms in label, then index order
     */
    public List<Phantom> generate(KermanyFolder folder) {
        int count = imagesPerClass(folder);
        List<Phantom> result = new ArrayList<>(2 * count);
        for (int label = 0; label < CLASS_NAMES.size(); label++) {
            for (int index = 0; index < count; index++) {
                result.add(render(folder, label, index));
            }
        }
        return result;
    }

    /**
     * Writes every phantom as a PNG file in the Kermany layout under {@code chestXrayRoot}
     * ({@code train}, {@code val} and {@code test}, each with {@code NORMAL} and {@code
     * PNEUMONIA}), plus the manifest {@value #MANIFEST_FILE_NAME} and the digest listing {@value
     * #DIGESTS_FILE_NAME} at the root. About a quarter of the files, chosen by seed independently of
     * the label, are stored as RGB with equal channels and the rest as 8-bit greyscale, like the mix
     * in the real dataset.
     *
     * <p>The folder appears whole or not at all: everything is written into a hidden sibling
     * folder ({@code .<name>.partial}), the settings file {@value #SETTINGS_FILE_NAME} last, and
     * the sibling is then renamed into place. An interrupted run (Ctrl-C, a full disk) leaves only
     * the hidden folder, which the next run deletes and writes again.
     *
     * @param chestXrayRoot the folder to write into; it must be absent or empty
     * @return the annotations of every image written, in manifest order
     * @throws IllegalArgumentException if the folder exists and is not empty
     * @throws IOException if a file cannot be written; the message names it and says why
     */
    public List<PhantomAnnotation> writeTo(Path chestXrayRoot) throws IOException {
        PhantomFiles.requireAbsentOrEmpty(chestXrayRoot);
        return writeReplacing(chestXrayRoot);
    }

    /** What {@link #prepare} found and did. */
    public enum Preparation {
        /** The folder was absent or empty: the phantoms were generated. */
        GENERATED,
        /** The folder held exactly these phantoms, checked file by file: nothing was written. */
        REUSED,
        /** The folder's phantoms had been changed after generation: they were generated again. */
        REGENERATED
    }

    /**
     * Makes a folder hold exactly the phantoms this generator writes, as a command's default data
     * folder needs. An absent or empty folder is filled ({@link #writeTo}). A folder of these
     * settings is checked file by file against the SHA-256 listing written with it: if it is
     * unchanged it is reused; if images were deleted, replaced or added since (or it was written
     * before phantoms had digests), the phantoms are generated again into a hidden folder that
     * then takes the old one's place, so the same seed always trains on the same images. Phantoms
     * of other settings are refused, never overwritten: they may be another run's data.
     *
     * @param chestXrayRoot the folder
     * @param progress receives one line saying what is done, before it is done
     * @return what was done
     * @throws IllegalArgumentException if the folder holds phantoms of other settings, files without
     *     a phantom settings file, or is a file
     * @throws IOException if a file cannot be read or written; the message names it
     */
    public Preparation prepare(Path chestXrayRoot, Consumer<String> progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (PhantomFiles.isAbsentOrEmpty(chestXrayRoot)) {
            progress.accept("generating synthetic chest radiographs in " + chestXrayRoot + " ...");
            writeTo(chestXrayRoot);
            return Preparation.GENERATED;
        }
        List<String> differences = differencesFrom(chestXrayRoot);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(chestXrayRoot + " holds phantoms made with other settings: "
                    + String.join(", ", differences) + "; delete it or choose another folder");
        }
        Object digest = PhantomSettings.read(chestXrayRoot.resolve(SETTINGS_FILE_NAME)).get(CONTENT_DIGEST);
        List<String> changes = PhantomDigests.changes(chestXrayRoot, digest instanceof String text ? text : null);
        if (changes.isEmpty()) {
            progress.accept("using the phantoms in " + chestXrayRoot);
            return Preparation.REUSED;
        }
        progress.accept("the phantoms in " + chestXrayRoot + " were changed after they were generated ("
                + String.join(", ", changes.subList(0, Math.min(3, changes.size())))
                + (changes.size() > 3 ? " and " + (changes.size() - 3) + " more" : "") + "); generating them again ...");
        writeReplacing(chestXrayRoot);
        return Preparation.REGENERATED;
    }

    /** Writes the whole tree into a hidden sibling, then swaps it in for whatever is at the root. */
    private List<PhantomAnnotation> writeReplacing(Path chestXrayRoot) throws IOException {
        Path partial = PhantomFiles.partialSibling(chestXrayRoot);
        PhantomFiles.deleteTree(partial);
        List<PhantomAnnotation> annotations = new ArrayList<>();
        for (KermanyFolder folder : KermanyFolder.values()) {
            for (String className : CLASS_NAMES) {
                PhantomFiles.createDirectories(partial.resolve(folder.folderName()).resolve(className));
            }
            List<Phantom> phantoms = generateInParallel(folder);
            for (Phantom phantom : phantoms) {
                annotations.add(phantom.annotation());
            }
            PhantomFiles.writeAll(partial, phantoms);
        }
        PhantomManifest.write(partial.resolve(MANIFEST_FILE_NAME), annotations);
        Map<String, Object> written = new LinkedHashMap<>(settings);
        written.put(CONTENT_DIGEST, PhantomDigests.write(partial));
        PhantomSettings.write(partial.resolve(SETTINGS_FILE_NAME), written);
        PhantomFiles.moveIntoPlace(partial, chestXrayRoot);
        return List.copyOf(annotations);
    }

    private List<Phantom> generateInParallel(KermanyFolder folder) {
        int count = imagesPerClass(folder);
        return IntStream.range(0, 2 * count).parallel()
                .mapToObj(i -> render(folder, i / count, i % count))
                .toList();
    }

    /** Builds {@link ChestPhantoms}; every value is optional. */
    public static final class Builder {

        private long seed;
        private int imageSize = DEFAULT_IMAGE_SIZE;
        private final Map<KermanyFolder, Integer> imagesPerClass = new EnumMap<>(Map.of(
                KermanyFolder.TRAIN, 200, KermanyFolder.VAL, 8, KermanyFolder.TEST, 100));
        private double shortcutRate;
        private double noiseLevel = 0.03;
        private double minOpacityRadius = 0.05;
        private double maxOpacityRadius = 0.12;

        private Builder() {}

        /**
         * Sets the seed. Default 0.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the side of the square images in pixels. Default 128.
         *
         * @param imageSize the side, at least 32
         * @return this builder
         * @throws IllegalArgumentException if the side is below 32
         */
        public Builder optImageSize(int imageSize) {
            if (imageSize < 32) {
                throw new IllegalArgumentException(
                        "imageSize must be at least 32, but was " + imageSize);
            }
            this.imageSize = imageSize;
            return this;
        }

        /**
         * Sets how many images of each class a folder gets. Defaults: train 200, val 8 (as in
         * the public release), test 100.
         *
         * @param folder the folder
         * @param count the number of images per class, at least 1
         * @return this builder
         * @throws IllegalArgumentException if the count is below 1
         */
        public Builder optImagesPerClass(KermanyFolder folder, int count) {
            Objects.requireNonNull(folder, "folder");
            if (count < 1) {
                throw new IllegalArgumentException(
                        "imagesPerClass for " + folder + " must be at least 1, but was " + count);
            }
            imagesPerClass.put(folder, count);
            return this;
        }

        /**
         * Sets the shortcut rate: the share of each class's images whose marker presence agrees
         * with the label (see the class comment). Default 0, no marker.
         *
         * @param shortcutRate 0, or a value in [0.5, 1]
         * @return this builder
         * @throws IllegalArgumentException if the rate is neither 0 nor in [0.5, 1]
         */
        public Builder optShortcutRate(double shortcutRate) {
            if (!(shortcutRate == 0 || (shortcutRate >= 0.5 && shortcutRate <= 1))) {
                throw new IllegalArgumentException(
                        "shortcutRate must be 0 (no marker) or in [0.5, 1], but was "
                                + shortcutRate);
            }
            this.shortcutRate = shortcutRate;
            return this;
        }

        /**
         * Sets the standard deviation of the Gaussian pixel noise, in units of full scale.
         * Default 0.03 (about 8 grey levels).
         *
         * @param noiseLevel the noise level, in [0, 0.5]
         * @return this builder
         * @throws IllegalArgumentException if the level is outside [0, 0.5]
         */
        public Builder optNoiseLevel(double noiseLevel) {
            if (!(noiseLevel >= 0 && noiseLevel <= 0.5)) {
                throw new IllegalArgumentException(
                        "noiseLevel must be in [0, 0.5], but was " + noiseLevel);
            }
            this.noiseLevel = noiseLevel;
            return this;
        }

        /**
         * Sets the range of opacity radii, as fractions of the image side. Default 0.05 to 0.12.
         *
         * @param min the smallest radius, in (0, max]
         * @param max the largest radius, at most 0.25
         * @return this builder
         * @throws IllegalArgumentException unless 0 &lt; min &lt;= max &lt;= 0.25
         */
        public Builder optOpacityRadius(double min, double max) {
            if (!(min > 0 && min <= max && max <= 0.25)) {
                throw new IllegalArgumentException(
                        "opacity radius must satisfy 0 < min <= max <= 0.25, but was [" + min
                                + ", " + max + "]");
            }
            this.minOpacityRadius = min;
            this.maxOpacityRadius = max;
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the generator
         */
        public ChestPhantoms build() {
            return new ChestPhantoms(this);
        }
    }
}
