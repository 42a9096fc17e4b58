package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

@ExtendWith(EngineManagerExtension.class)
class KermanyDatasetTest {

    private static final int SIZE = 4;

    @TempDir
    Path root;

    private KermanyDataset.Builder builder() {
        return KermanyDataset.builder().setRoot(root).optImageSize(SIZE).setSampling(4, false);
    }

    /** Writes the minimal valid tree: one grey PNG per class and folder. */
    private void writeMinimalTree() throws IOException {
        for (KermanyFolder folder : KermanyFolder.values()) {
            for (String c : List.of("NORMAL", "PNEUMONIA")) {
                TestImages.grey(root.resolve(folder.folderName()).resolve(c).resolve("a.png"),
                        "png", 4, 4, (x, y) -> 10);
            }
        }
    }

    /** The example of docs/data.md, on ten grey PNGs per class; the values it sets are the defaults. */
    @Test
    void theDocumentedBuilderReadsTheTrainingPartOfTheTrainFolder() throws IOException {
        Path chestXray = root.resolve("chest_xray");
        for (String c : List.of("NORMAL", "PNEUMONIA")) {
            for (int i = 0; i < 10; i++) {
                int grey = 20 * i;
                TestImages.grey(chestXray.resolve("train").resolve(c).resolve(i + ".png"), "png", 6, 4, (x, y) -> grey);
            }
        }

        // snippet: data-kermany
        KermanyDataset train = KermanyDataset.builder()
                .setRoot(chestXray)                          // required: holds train, val and test
                .optSubset(KermanySubset.TRAIN)                // default TRAIN
                .optImageSize(224)                           // default 224
                .optNormalization(Normalization.IMAGENET)    // default IMAGENET
                .optValidationFraction(0.1f)                 // default 0.1
                .optSeed(0)                                  // default 0
                .setSampling(32, true)                       // required by DJL
                .build();
        // end-snippet

        KermanyDataset defaults = KermanyDataset.builder().setRoot(chestXray).setSampling(32, true).build();
        assertEquals(18, train.size(), "one image of each class is carved out for validation");
        assertEquals(new Shape(3, 224, 224), train.imageShape());
        assertEquals(defaults.files(), train.files());
        assertArrayEquals(defaults.image(5), train.image(5));
    }

    @Nested
    class OnAMixedTreeWithCorruptFiles {

        @BeforeEach
        void writeTree() throws IOException {
            Path normal = root.resolve("train/NORMAL");
            Path pneumonia = root.resolve("train/PNEUMONIA");
            // Greyscale and RGB files mixed, PNG and JPEG, of several sizes.
            TestImages.grey(normal.resolve("n0-grey.png"), "png", 8, 8, (x, y) -> 128);
            TestImages.rgb(normal.resolve("n1-colour.png"), "png", 4, 4, 200, 50, 10);
            TestImages.grey(normal.resolve("n2-halves.png"), "png", 8, 4, (x, y) -> x < 4 ? 0 : 200);
            TestImages.rgb(normal.resolve("n3-greyrgb.jpeg"), "jpeg", 16, 12, 60, 60, 60);
            TestImages.garbage(normal.resolve("n4-corrupt.jpeg"));
            Files.writeString(normal.resolve("notes.txt"), "not an image file; ignored");
            Files.writeString(normal.resolve(".DS_Store"), "hidden; ignored");
            TestImages.grey(pneumonia.resolve("p0.jpg"), "jpeg", 30, 20, (x, y) -> 180);
            TestImages.grey(pneumonia.resolve("p1.png"), "png", 2, 2, (x, y) -> 240);
            TestImages.truncated(pneumonia.resolve("p2-truncated.png"), "png");
            TestImages.truncated(pneumonia.resolve("p3-truncated.jpeg"), "jpeg");
        }

        private KermanyDataset train() throws IOException {
            return builder().optValidationFraction(0).build();
        }

        @Test
        void readsEveryDecodableFileAndSkipsTheCorruptOnes() throws IOException {
            KermanyDataset dataset = train();

            assertEquals(6, dataset.size());
            assertEquals(List.of(root.resolve("train/NORMAL/n4-corrupt.jpeg"),
                    root.resolve("train/PNEUMONIA/p2-truncated.png"),
                    root.resolve("train/PNEUMONIA/p3-truncated.jpeg")), dataset.skippedFiles());
        }

        @Test
        void labelsFollowTheClassFoldersAndItemsTheFileNames() throws IOException {
            KermanyDataset dataset = train();

            assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, dataset.labels());
            assertEquals(List.of("NORMAL", "PNEUMONIA"), dataset.classNames());
            assertEquals(root.resolve("train/NORMAL/n0-grey.png"), dataset.files().get(0));
            assertEquals(root.resolve("train/PNEUMONIA/p1.png"), dataset.files().get(5));
            assertArrayEquals(new int[] {4, 2}, dataset.classCounts());
        }

        @Test
        void greyscaleIsReplicatedToThreeNormalisedChannels() throws IOException {
            float[] image = train().image(0);

            assertEquals(3 * SIZE * SIZE, image.length);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < SIZE * SIZE; i++) {
                    assertEquals(Normalization.IMAGENET.apply(c, 128), image[c * 16 + i], 1e-6f);
                }
            }
        }

        @Test
        void colourImageKeepsItsChannels() throws IOException {
            float[] image = train().image(1);

            assertEquals(Normalization.IMAGENET.apply(0, 200), image[0], 1e-6f);
            assertEquals(Normalization.IMAGENET.apply(1, 50), image[16], 1e-6f);
            assertEquals(Normalization.IMAGENET.apply(2, 10), image[32], 1e-6f);
        }

        @Test
        void imagesAreStretchedToTheImageSize() throws IOException {
            // 8 wide x 4 high, left half 0 and right half 200: columns average in pairs.
            float[] image = builder().optValidationFraction(0)
                    .optNormalization(Normalization.UNIT).build().image(2);

            for (int y = 0; y < SIZE; y++) {
                float[] row = Arrays.copyOfRange(image, y * SIZE, (y + 1) * SIZE);
                assertArrayEquals(new float[] {0f, 0f, 200 / 255f, 200 / 255f}, row, 1e-6f);
            }
        }

        @Test
        void itemsAreDjlRecordsOfAFloatImageAndAFloatScalarLabel(NDManager manager) throws IOException {
            KermanyDataset dataset = train();

            Record record = dataset.get(manager, 4);
            NDArray image = record.getData().singletonOrThrow();
            NDArray label = record.getLabels().singletonOrThrow();

            assertEquals(new Shape(3, SIZE, SIZE), image.getShape());
            assertEquals(DataType.FLOAT32, image.getDataType());
            assertArrayEquals(dataset.image(4), image.toFloatArray());
            assertEquals(new Shape(), label.getShape());
            assertEquals(DataType.FLOAT32, label.getDataType());
            assertEquals(1f, label.getFloat());
        }

        @Test
        void skippedFilesAreReportedInOneWarningLine() throws IOException {
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                train();
            } finally {
                System.setErr(original);
            }

            List<String> warnings = captured.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains("WARN")).toList();
            assertEquals(1, warnings.size(), captured.toString(StandardCharsets.UTF_8));
            assertTrue(warnings.get(0).contains("Skipped 3 unreadable image files of 9 under "
                    + root.resolve("train") + ": NORMAL/n4-corrupt.jpeg ("), warnings.get(0));
            assertTrue(warnings.get(0).contains("PNEUMONIA/p2-truncated.png ("), warnings.get(0));
            assertTrue(warnings.get(0).contains("PNEUMONIA/p3-truncated.jpeg ("), warnings.get(0));
        }
    }

    @Test
    void warningNamesTheFirstThreeFilesAndCountsTheRest() {
        Path folder = Path.of("/data/chest_xray/train");
        List<Path> skipped = List.of("a", "b", "c", "d", "e").stream()
                .map(name -> folder.resolve("NORMAL").resolve(name + ".jpeg")).toList();

        String message = KermanyLoading.skippedFilesMessage(
                skipped, List.of("r1", "r2", "r3", "r4", "r5"), 100, folder);

        assertEquals("Skipped 5 unreadable image files of 100 under /data/chest_xray/train: "
                + "NORMAL/a.jpeg (r1), NORMAL/b.jpeg (r2), NORMAL/c.jpeg (r3), and 2 more", message);
    }

    @Nested
    class RejectsABrokenTree {

        @Test
        void missingRoot() {
            Path missing = root.resolve("nowhere");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KermanyDataset.builder().setRoot(missing).setSampling(1, false).build());
            assertEquals("dataset root does not exist: " + missing, e.getMessage());
        }

        @Test
        void missingSplitFolder() throws IOException {
            writeMinimalTree();
            deleteTree(root.resolve("test"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.TEST).build());
            assertEquals("split folder does not exist: " + root.resolve("test"),
                    e.getMessage());
        }

        @Test
        void missingClassFolder() throws IOException {
            writeMinimalTree();
            deleteTree(root.resolve("val/PNEUMONIA"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.OFFICIAL_VAL).build());
            assertEquals("class folder does not exist: "
                    + root.resolve("val/PNEUMONIA"), e.getMessage());
        }

        @Test
        void emptyClassFolder() throws IOException {
            writeMinimalTree();
            Files.delete(root.resolve("test/NORMAL/a.png"));
            Files.writeString(root.resolve("test/NORMAL/readme.txt"), "no images here");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.TEST).build());
            assertEquals("class folder has no image files: " + root.resolve("test/NORMAL"), e.getMessage());
        }

        @Test
        void classFolderWithOnlyCorruptImages() throws IOException {
            writeMinimalTree();
            TestImages.garbage(root.resolve("test/PNEUMONIA/a.png"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.TEST).build());
            assertEquals("class folder has no readable image: " + root.resolve("test/PNEUMONIA"),
                    e.getMessage());
        }

        @Test
        void unexpectedClassFolder() throws IOException {
            writeMinimalTree();
            Files.createDirectories(root.resolve("test/COVID"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.TEST).build());
            assertEquals("unexpected class folder " + root.resolve("test/COVID")
                    + "; expected only the class folders [NORMAL, PNEUMONIA]", e.getMessage());
        }

        @Test
        void otherClassFoldersAreReadWhenNamed() throws IOException {
            writeMinimalTree();
            TestImages.grey(root.resolve("test/COVID/c.png"), "png", 4, 4, (x, y) -> 1);

            KermanyDataset dataset = builder().optSubset(KermanySubset.TEST)
                    .optClassNames(List.of("PNEUMONIA", "COVID", "NORMAL")).build();

            assertArrayEquals(new int[] {0, 1, 2}, dataset.labels());
        }
    }

    @Nested
    class RejectsBadSettings {

        @Test
        void rootNotSet() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KermanyDataset.builder().setSampling(1, false).build());
            assertEquals("root must be set (setRoot)", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -3})
        void imageSizeBelowOne(int size) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KermanyDataset.builder().optImageSize(size));
            assertEquals("imageSize must be at least 1, but was " + size, e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(floats = {-0.1f, 1f, 1.5f, Float.NaN})
        void validationFractionOutsideZeroToOne(float fraction) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KermanyDataset.builder().optValidationFraction(fraction));
            assertEquals("validationFraction must be in [0, 1), but was " + fraction, e.getMessage());
        }

        @Test
        void validationSplitWithoutAFraction() throws IOException {
            writeMinimalTree();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.VALIDATION)
                            .optValidationFraction(0).build());
            assertEquals("subset VALIDATION needs validationFraction > 0, but it was 0", e.getMessage());
        }

        @Test
        void carvingFromASingleImageClass() throws IOException {
            writeMinimalTree();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().optSubset(KermanySubset.VALIDATION).build());
            assertEquals("cannot carve a validation split from a class folder with fewer than 2 "
                    + "images: " + root.resolve("train/NORMAL"), e.getMessage());
        }

        @Test
        void fewerThanTwoClasses() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KermanyDataset.builder().optClassNames(List.of("NORMAL")));
            assertEquals("classNames must be at least two distinct names, but were [NORMAL]",
                    e.getMessage());
        }
    }

    static void deleteTree(Path path) throws IOException {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
