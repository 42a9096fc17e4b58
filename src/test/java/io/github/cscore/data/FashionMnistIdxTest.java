package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

@ExtendWith(EngineManagerExtension.class)
class FashionMnistIdxTest {

    /** Labels of the fixture: every class once, then a second T-shirt (0) and Shirt (6). */
    private static final int[] FIXTURE_LABELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 6};

    @TempDir
    Path dir;

    /** Item i of the fixture is a constant image of value 20 * i + 1. */
    private static byte[] fixturePixels() {
        byte[] pixels = new byte[FIXTURE_LABELS.length * 784];
        for (int i = 0; i < FIXTURE_LABELS.length; i++) {
            Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (20 * i + 1));
        }
        return pixels;
    }

    static byte[] idx(int magic, int[] dimensions, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dimensions) {
            out.writeInt(d);
        }
        out.write(values);
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip
                ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    private void writeFixture(String prefix, boolean gzip) throws IOException {
        byte[] labels = new byte[FIXTURE_LABELS.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) FIXTURE_LABELS[i];
        }
        String suffix = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix),
                idx(0x803, new int[] {FIXTURE_LABELS.length, 28, 28}, fixturePixels()), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix),
                idx(0x801, new int[] {FIXTURE_LABELS.length}, labels), gzip);
    }

    private FashionMnistIdx.Builder builder() {
        return FashionMnistIdx.builder().optDirectory(dir).optImageSize(28)
                .optNormalization(Normalization.UNIT).setSampling(4, false);
    }

    @Nested
    class OnAFixture {

        @Test
        void readsEveryItemWithItsLabel() throws IOException {
            writeFixture("train", true);

            FashionMnistIdx dataset = builder().build();

            assertEquals(12, dataset.size());
            assertArrayEquals(FIXTURE_LABELS, dataset.labels());
            assertEquals(FashionMnistIdx.CLASS_NAMES, dataset.classNames());
            assertEquals((20 * 11 + 1) / 255f, dataset.image(11)[0], 1e-6f);
        }

        @Test
        void readsTheTestFilesForTestUsage() throws IOException {
            writeFixture("t10k", true);

            FashionMnistIdx dataset = builder().optUsage(Dataset.Usage.TEST).build();

            assertEquals(12, dataset.size());
            assertEquals(Dataset.Usage.TEST, dataset.usage());
        }

        @Test
        void readsUncompressedFilesToo() throws IOException {
            writeFixture("train", false);

            assertEquals(12, builder().build().size());
        }

        @Test
        void classSubsetIsRelabelledInTheOrderGiven() throws IOException {
            writeFixture("train", true);

            FashionMnistIdx dataset = builder().optClasses("Shirt", "T-shirt/top").build();

            // File order: item 0 (T-shirt), 6 (Shirt), 10 (T-shirt), 11 (Shirt).
            assertArrayEquals(new int[] {1, 0, 1, 0}, dataset.labels());
            assertEquals(List.of("Shirt", "T-shirt/top"), dataset.classNames());
            assertEquals((20 * 6 + 1) / 255f, dataset.image(1)[0], 1e-6f);
        }

        @Test
        void limitPerClassKeepsTheFirstItemsOfEachClass() throws IOException {
            writeFixture("train", true);

            FashionMnistIdx dataset =
                    builder().optClasses("T-shirt/top", "Shirt").optLimitPerClass(1).build();

            assertArrayEquals(new int[] {0, 1}, dataset.labels());
            assertEquals(1 / 255f, dataset.image(0)[0], 1e-6f);
            assertEquals((20 * 6 + 1) / 255f, dataset.image(1)[0], 1e-6f);
        }

        @Test
        void imagesAreUpsampledBilinearlyToThreeChannels() throws IOException {
            byte[] ramp = new byte[784];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (byte) (9 * (i % 28)); // value 9 * column
            }
            write(dir.resolve("train-images-idx3-ubyte.gz"), idx(0x803, new int[] {1, 28, 28}, ramp), true);
            write(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x801, new int[] {1}, new byte[] {3}), true);

            float[] image = builder().optImageSize(56).build().image(0);

            assertEquals(3 * 56 * 56, image.length);
            // Output column o samples column (o + 0.5) / 2 - 0.5: o = 5 -> 2.25 -> 9 * 2.25.
            for (int c = 0; c < 3; c++) {
                assertEquals(9 * 2.25f / 255f, image[c * 56 * 56 + 10 * 56 + 5], 1e-5f);
                assertEquals(0f, image[c * 56 * 56 + 10 * 56], 1e-6f);
                assertEquals(9 * 27 / 255f, image[c * 56 * 56 + 10 * 56 + 55], 1e-5f);
            }
        }

        @Test
        void itemsAreDjlRecordsWithAFloatScalarLabel(NDManager manager) throws IOException {
            writeFixture("train", true);
            FashionMnistIdx dataset = builder().optImageSize(32).build();

            Record record = dataset.get(manager, 9);
            NDArray label = record.getLabels().singletonOrThrow();

            assertEquals(new Shape(3, 32, 32), record.getData().singletonOrThrow().getShape());
            assertEquals(DataType.FLOAT32, label.getDataType());
            assertEquals(9f, label.getFloat());
        }
    }

    @Nested
    class RejectsBrokenFiles {

        private IllegalArgumentException buildFails() {
            return assertThrows(IllegalArgumentException.class, () -> builder().build());
        }

        @Test
        void missingFile() {
            IllegalArgumentException e = buildFails();
            assertEquals("Fashion-MNIST file not found: " + dir.resolve("train-images-idx3-ubyte.gz")
                    + " (nor uncompressed); install Debian's dataset-fashion-mnist package, or put the four files there",
                    e.getMessage());
        }

        @Test
        void wrongMagicNumber() throws IOException {
            writeFixture("train", true);
            // A label file where the image file should be: magic 0x801 instead of 0x803.
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            write(images, idx(0x801, new int[] {1}, new byte[] {0}), true);

            IllegalArgumentException e = buildFails();
            assertEquals("wrong IDX magic number 0x00000801 in " + images + "; expected 0x00000803",
                    e.getMessage());
        }

        @Test
        void truncatedData() throws IOException {
            writeFixture("train", true);
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            byte[] whole = idx(0x803, new int[] {12, 28, 28}, fixturePixels());
            write(images, Arrays.copyOf(whole, whole.length - 100), true);

            IllegalArgumentException e = buildFails();
            assertEquals("IDX file is truncated: the header announces 9408 values but only 9308 follow, in "
                    + images, e.getMessage());
        }

        @Test
        void truncatedCompressedStream() throws IOException {
            writeFixture("train", true);
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            byte[] compressed = Files.readAllBytes(images);
            Files.write(images, Arrays.copyOf(compressed, compressed.length / 2));

            IllegalArgumentException e = buildFails();
            assertEquals(true, e.getMessage().startsWith("IDX file is truncated"), e.getMessage());
        }

        @Test
        void truncatedHeader() throws IOException {
            writeFixture("train", true);
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            write(labels, new byte[] {0, 0, 8, 1, 0, 0}, true);

            IllegalArgumentException e = buildFails();
            assertEquals("IDX file is truncated inside its header: " + labels, e.getMessage());
        }

        @Test
        void extraBytesAfterTheData() throws IOException {
            writeFixture("train", true);
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            write(labels, idx(0x801, new int[] {12}, new byte[13]), true);

            IllegalArgumentException e = buildFails();
            assertEquals("IDX file has bytes after the 12 values its header announces: " + labels,
                    e.getMessage());
        }

        @Test
        void imageAndLabelCountsDisagree() throws IOException {
            writeFixture("train", true);
            Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
            write(labels, idx(0x801, new int[] {11}, new byte[11]), true);

            IllegalArgumentException e = buildFails();
            assertEquals("image and label files disagree: 12 images in "
                    + dir.resolve("train-images-idx3-ubyte.gz") + " but 11 labels in " + labels,
                    e.getMessage());
        }

        @Test
        void labelOutOfRange() throws IOException {
            writeFixture("train", true);
            byte[] labels = new byte[12];
            labels[4] = 10;
            Path file = dir.resolve("train-labels-idx1-ubyte.gz");
            write(file, idx(0x801, new int[] {12}, labels), true);

            IllegalArgumentException e = buildFails();
            assertEquals("label 10 of item 4 is not in 0..9 in " + file, e.getMessage());
        }

        @Test
        void imagesThatAreNot28By28() throws IOException {
            writeFixture("train", true);
            Path images = dir.resolve("train-images-idx3-ubyte.gz");
            write(images, idx(0x803, new int[] {12, 14, 56}, fixturePixels()), true);

            IllegalArgumentException e = buildFails();
            assertEquals("Fashion-MNIST images must be 28 x 28, but were 14 x 56 in " + images,
                    e.getMessage());
        }
    }

    @Nested
    class RejectsBadSettings {

        @Test
        void validationUsage() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnistIdx.builder().optUsage(Dataset.Usage.VALIDATION));
            assertEquals("usage must be TRAIN or TEST (Fashion-MNIST has no validation file), "
                    + "but was VALIDATION", e.getMessage());
        }

        @Test
        void unknownClass() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnistIdx.builder().optClasses("Shirt", "Hat"));
            assertEquals("class 'Hat' is not a Fashion-MNIST class; expected one of "
                    + FashionMnistIdx.CLASS_NAMES, e.getMessage());
        }

        @Test
        void singleClass() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnistIdx.builder().optClasses("Shirt"));
            assertEquals("classes must be at least two distinct names, but were [Shirt]", e.getMessage());
        }

        @Test
        void limitBelowOne() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FashionMnistIdx.builder().optLimitPerClass(0));
            assertEquals("limitPerClass must be at least 1, but was 0", e.getMessage());
        }
    }

    /** Debian's dataset-fashion-mnist files; CI installs the package. */
    @Nested
    class OnTheInstalledPackage {

        private void assumeInstalled() {
            assumeTrue(Files.isRegularFile(
                    FashionMnistIdx.DEFAULT_DIRECTORY.resolve("t10k-images-idx3-ubyte.gz")),
                    "dataset-fashion-mnist is not installed");
        }

        private FashionMnistIdx load(Dataset.Usage usage) throws IOException {
            assumeInstalled();
            return FashionMnistIdx.builder().optUsage(usage).setSampling(32, false).build();
        }

        /** The example of docs/data.md; the size and normalisation it sets are the defaults. */
        @Test
        void theDocumentedExampleReadsTwoClassesOfTheTestFile() throws IOException {
            assumeInstalled();

            // snippet: data-fashion-mnist
            FashionMnistIdx shirts = FashionMnistIdx.builder()
                    .optUsage(Dataset.Usage.TEST)              // TRAIN (default) or TEST
                    .optClasses("T-shirt/top", "Shirt")        // default: all ten, in their usual order
                    .optLimitPerClass(500)                     // default: no limit
                    .optImageSize(224)                         // default 224
                    .optNormalization(Normalization.IMAGENET)  // default IMAGENET
                    .setSampling(32, false)
                    .build();
            // end-snippet

            FashionMnistIdx defaults = FashionMnistIdx.builder().optUsage(Dataset.Usage.TEST)
                    .optClasses("T-shirt/top", "Shirt").optLimitPerClass(500).setSampling(32, false).build();
            assertEquals(List.of("T-shirt/top", "Shirt"), shirts.classNames());
            assertArrayEquals(new int[] {500, 500}, shirts.classCounts());
            assertEquals(new Shape(3, 224, 224), shirts.imageShape());
            assertArrayEquals(defaults.image(999), shirts.image(999));
        }

        @Test
        void trainingFileHas6000ImagesPerClass() throws IOException {
            FashionMnistIdx train = load(Dataset.Usage.TRAIN);

            assertEquals(60000, train.size());
            int[] expected = new int[10];
            Arrays.fill(expected, 6000);
            assertArrayEquals(expected, train.classCounts());
            assertEquals(9, train.labels()[0]); // the first item is an ankle boot
        }

        @Test
        void testFileHas1000ImagesPerClass() throws IOException {
            FashionMnistIdx test = load(Dataset.Usage.TEST);

            assertEquals(10000, test.size());
            int[] expected = new int[10];
            Arrays.fill(expected, 1000);
            assertArrayEquals(expected, test.classCounts());
            assertEquals(new Shape(3, 224, 224), test.imageShape());
        }

        @Test
        void testImagesHaveTheKnownChecksum() throws IOException {
            load(Dataset.Usage.TEST);
            IdxFile images = IdxFile.read(FashionMnistIdx.DEFAULT_DIRECTORY.resolve(
                    "t10k-images-idx3-ubyte.gz"), IdxFile.IMAGES_MAGIC);

            CRC32 crc = new CRC32();
            crc.update(images.values());
            long sum = 0;
            for (byte b : images.values()) {
                sum += b & 0xFF;
            }
            // Computed once from the package's t10k-images-idx3-ubyte.gz (7,840,000 pixel bytes).
            assertEquals(0x12728439L, crc.getValue());
            assertEquals(573_469_082L, sum);
        }

        @Test
        void binarySubsetOfTheTestFile() throws IOException {
            assumeTrue(Files.isRegularFile(
                    FashionMnistIdx.DEFAULT_DIRECTORY.resolve("t10k-images-idx3-ubyte.gz")));

            FashionMnistIdx pair = FashionMnistIdx.builder().optUsage(Dataset.Usage.TEST)
                    .optClasses("T-shirt/top", "Shirt").optLimitPerClass(100).setSampling(32, false).build();

            assertArrayEquals(new int[] {100, 100}, pair.classCounts());
        }
    }
}
