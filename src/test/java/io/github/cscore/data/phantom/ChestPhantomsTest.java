package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.Normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

class ChestPhantomsTest {

    private static final int SIZE = 64;

    private static ChestPhantoms.Builder small() {
        return ChestPhantoms.builder().optSeed(11).optImageSize(SIZE)
                .optImagesPerClass(KermanyFolder.TRAIN, 20)
                .optImagesPerClass(KermanyFolder.VAL, 2)
                .optImagesPerClass(KermanyFolder.TEST, 4);
    }

    /** The example of docs/data.md: the values it gives with a default are the defaults. */
    @Test
    void theDocumentedExampleWritesTheSetItDescribes(@TempDir Path dir) throws IOException {
        Path chestXray = dir.resolve("chest_xray");

        // snippet: data-phantoms
        List<PhantomAnnotation> written = ChestPhantoms.builder()
                .optSeed(42)                                    // default 0
                .optImageSize(64)                               // default 128 (at least 32)
                .optImagesPerClass(KermanyFolder.TRAIN, 40)     // defaults: train 200, val 8, test 100
                .optImagesPerClass(KermanyFolder.TEST, 20)
                .optShortcutRate(0)                             // default 0: no marker
                .optNoiseLevel(0.03)                            // default 0.03 of full scale
                .optOpacityRadius(0.05, 0.12)                   // default 0.05 to 0.12 of the side
                .build()
                .writeTo(chestXray);                            // must be absent or empty
        // end-snippet

        ChestPhantoms defaults = ChestPhantoms.builder().optSeed(42).optImageSize(64)
                .optImagesPerClass(KermanyFolder.TRAIN, 40).optImagesPerClass(KermanyFolder.TEST, 20).build();
        assertEquals(2 * (40 + 8 + 20), written.size());
        assertEquals(Stream.of(KermanyFolder.values()).flatMap(f -> defaults.generate(f).stream())
                .map(Phantom::annotation).toList(), written);
        assertTrue(written.stream().allMatch(a -> a.marker().isEmpty()));
    }

    @Nested
    class Determinism {

        @Test
        void sameSeedRendersTheSamePixels() {
            Phantom a = small().build().render(KermanyFolder.TRAIN, 1, 3);
            Phantom b = small().build().render(KermanyFolder.TRAIN, 1, 3);

            assertEquals(a, b);
        }

        @Test
        void anotherSeedRendersOtherPixels() {
            Phantom a = small().build().render(KermanyFolder.TRAIN, 1, 3);
            Phantom b = small().optSeed(12).build().render(KermanyFolder.TRAIN, 1, 3);

            assertFalse(java.util.Arrays.equals(a.pixels(), b.pixels()));
        }

        @Test
        void imagesOfOneSeedDifferFromEachOther() {
            ChestPhantoms phantoms = small().build();

            Phantom first = phantoms.render(KermanyFolder.TRAIN, 0, 0);

            assertNotEquals(first, phantoms.render(KermanyFolder.TRAIN, 0, 1));
            assertNotEquals(first, phantoms.render(KermanyFolder.TEST, 0, 0));
        }

        @Test
        void sameSeedWritesByteIdenticalFiles(@TempDir Path dir) throws IOException {
            small().optShortcutRate(0.8).build().writeTo(dir.resolve("a"));
            small().optShortcutRate(0.8).build().writeTo(dir.resolve("b"));

            List<Path> files = relativeFiles(dir.resolve("a"));
            assertEquals(2 * (20 + 2 + 4) + 3, files.size(), "the images, the manifest, the digests and the settings");
            assertEquals(files, relativeFiles(dir.resolve("b")));
            for (Path file : files) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                        Files.readAllBytes(dir.resolve("b").resolve(file)), file.toString());
            }
        }

        private List<Path> relativeFiles(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
            }
        }
    }

    @Nested
    class Anatomy {

        private final List<Phantom> normals = small().build().generate(KermanyFolder.TRAIN)
                .stream().filter(p -> p.label() == 0).toList();

        @Test
        void lungFieldsAreDarkerThanTheMediastinumAndBrighterThanAir() {
            double lung = meanOver(normals, (int) (0.31 * SIZE), (int) (0.40 * SIZE));
            double spine = meanOver(normals, SIZE / 2, (int) (0.40 * SIZE));
            double air = meanOver(normals, 1, SIZE - 2);

            assertTrue(lung < spine - 40, "lung " + lung + " vs spine " + spine);
            assertTrue(air < lung - 20, "air " + air + " vs lung " + lung);
        }

        @Test
        void normalImagesHaveNoOpacity() {
            assertTrue(normals.stream().allMatch(p -> p.annotation().opacities().isEmpty()));
        }

        private double meanOver(List<Phantom> phantoms, int x, int y) {
            return phantoms.stream().mapToInt(p -> p.pixel(x, y)).average().orElseThrow();
        }
    }

    @Nested
    class Opacities {

        private final ChestPhantoms phantoms = small().build();
        private final List<Phantom> train = phantoms.generate(KermanyFolder.TRAIN);

        @Test
        void everyPneumoniaImageHasOneToThreeOpacitiesInTheNamedLung() {
            for (Phantom p : train.subList(20, 40)) {
                List<Opacity> opacities = p.annotation().opacities();
                assertTrue(opacities.size() >= 1 && opacities.size() <= 3, p.toString());
                for (Opacity o : opacities) {
                    double centreX = (o.box().x0() + o.box().x1()) / 2.0;
                    // The patient's right lung is on the left of the image.
                    assertEquals(o.lung() == Opacity.Lung.RIGHT, centreX < SIZE / 2.0, p.toString());
                    assertTrue(o.box().x1() <= SIZE && o.box().y1() <= SIZE, p.toString());
                }
            }
        }

        @Test
        void opacitiesBrightenTheirBoxesComparedWithNormalImages() {
            double excess = 0;
            int boxes = 0;
            for (Phantom p : train.subList(20, 40)) {
                for (Opacity o : p.annotation().opacities()) {
                    double normalMean = train.subList(0, 20).stream()
                            .mapToDouble(n -> meanIn(n, o.box())).average().orElseThrow();
                    excess += meanIn(p, o.box()) - normalMean;
                    boxes++;
                }
            }

            assertTrue(excess / boxes > 25, "mean brightening " + excess / boxes + " grey levels");
        }

        @Test
        void opacityPlacesAndSizesVary() {
            long distinctBoxes = train.subList(20, 40).stream()
                    .flatMap(p -> p.annotation().opacities().stream()).map(Opacity::box).distinct().count();
            long distinctWidths = train.subList(20, 40).stream()
                    .flatMap(p -> p.annotation().opacities().stream())
                    .map(o -> o.box().width()).distinct().count();
            long rightLung = train.subList(20, 40).stream()
                    .flatMap(p -> p.annotation().opacities().stream())
                    .filter(o -> o.lung() == Opacity.Lung.RIGHT).count();

            assertTrue(distinctBoxes >= 20, "distinct boxes " + distinctBoxes);
            assertTrue(distinctWidths >= 5, "distinct widths " + distinctWidths);
            assertTrue(rightLung > 0 && rightLung < distinctBoxes, "right-lung opacities " + rightLung);
        }

        @Test
        void largerRadiusRangeGivesLargerBoxes() {
            double smallArea = meanBoxArea(small().optOpacityRadius(0.03, 0.04).build());
            double largeArea = meanBoxArea(small().optOpacityRadius(0.10, 0.12).build());

            assertTrue(largeArea > 3 * smallArea, smallArea + " vs " + largeArea);
        }

        private double meanBoxArea(ChestPhantoms generator) {
            return generator.generate(KermanyFolder.TRAIN).stream()
                    .flatMap(p -> p.annotation().opacities().stream())
                    .mapToInt(o -> o.box().width() * o.box().height()).average().orElseThrow();
        }

        private double meanIn(Phantom p, Box box) {
            double sum = 0;
            for (int y = box.y0(); y < box.y1(); y++) {
                for (int x = box.x0(); x < box.x1(); x++) {
                    sum += p.pixel(x, y);
                }
            }
            return sum / (box.width() * box.height());
        }
    }

    @Nested
    class ShortcutMarker {

        @ParameterizedTest
        @CsvSource({
            // rate, images per class, marked PNEUMONIA = round(rate * n), marked NORMAL = n - that
            "1.0, 20, 20, 0",
            "0.9, 20, 18, 2",
            "0.75, 10, 8, 2", // 7.5 rounds up
            "0.5, 20, 10, 10",
            "0, 20, 0, 0" //     no marker at all
        })
        void markerAgreesWithTheLabelAtTheRate(double rate, int n, int markedPneumonia, int markedNormal) {
            ChestPhantoms phantoms = small().optImagesPerClass(KermanyFolder.TRAIN, n)
                    .optShortcutRate(rate).build();

            List<Phantom> train = phantoms.generate(KermanyFolder.TRAIN);

            assertEquals(markedNormal, countMarked(train.subList(0, n)));
            assertEquals(markedPneumonia, countMarked(train.subList(n, 2 * n)));
        }

        @Test
        void rateHoldsInEveryFolder() {
            ChestPhantoms phantoms = small().optShortcutRate(0.75).build();

            List<Phantom> test = phantoms.generate(KermanyFolder.TEST);

            assertEquals(1, countMarked(test.subList(0, 4)));
            assertEquals(3, countMarked(test.subList(4, 8)));
        }

        @Test
        void markerIsABrightLetterInTheTopLeftCorner() {
            Phantom marked = small().optShortcutRate(1).build().render(KermanyFolder.TRAIN, 1, 0);
            Box box = marked.annotation().marker().orElseThrow();

            assertTrue(box.x1() < SIZE / 4 && box.y1() < SIZE / 4, box.toString());
            // The stem of the "L" (left column) is metal-bright; its top-right corner is not.
            assertTrue(marked.pixel(box.x0(), box.y0()) > 200);
            assertTrue(marked.pixel(box.x0(), box.y1() - 1) > 200);
            assertTrue(marked.pixel(box.x1() - 1, box.y1() - 1) > 200);
            assertTrue(marked.pixel(box.x1() - 1, box.y0()) < 100);
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.3, -0.1, 1.1, 0.49})
        void rejectsARateThatIsNeitherZeroNorAtLeastHalf(double rate) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChestPhantoms.builder().optShortcutRate(rate));
            assertEquals("shortcutRate must be 0 (no marker) or in [0.5, 1], but was " + rate,
                    e.getMessage());
        }

        private long countMarked(List<Phantom> phantoms) {
            return phantoms.stream().filter(p -> p.annotation().marker().isPresent()).count();
        }
    }

    @Nested
    class WrittenTree {

        @TempDir
        Path root;

        @Test
        void theTreeAppearsWholeWithItsSettingsAndNothingPartialIsLeft() throws IOException {
            Path data = root.resolve("chest_xray");

            small().build().writeTo(data);

            assertTrue(java.nio.file.Files.isRegularFile(data.resolve(ChestPhantoms.SETTINGS_FILE_NAME)));
            assertTrue(java.nio.file.Files.notExists(root.resolve(".chest_xray.partial")));
            assertEquals(List.of(), small().build().differencesFrom(data));
        }

        @Test
        void theFolderOfAnInterruptedRunIsReplacedNotReused() throws IOException {
            Path data = root.resolve("chest_xray");
            Path stale = root.resolve(".chest_xray.partial/train/NORMAL");
            java.nio.file.Files.createDirectories(stale);
            java.nio.file.Files.writeString(stale.resolve("phantom-00000.png"), "half a file");

            small().build().writeTo(data);

            assertTrue(java.nio.file.Files.notExists(root.resolve(".chest_xray.partial")));
            KermanyDataset train = KermanyDataset.builder().setRoot(data).optImageSize(SIZE)
                    .optSubset(KermanySubset.TRAIN).setSampling(4, false).build();
            assertTrue(train.skippedFiles().isEmpty(), "no half-written file was carried over");
        }

        @Test
        void otherSettingsAreListedByName() throws IOException {
            Path data = root.resolve("chest_xray");
            small().build().writeTo(data);

            List<String> differences = small().optShortcutRate(1).optSeed(9).build().differencesFrom(data);

            assertEquals(List.of("seed 11 (here 9)", "shortcut_rate 0.0 (here 1.0)"), differences);
        }

        @Test
        void loaderReadsTheTreeWithoutSkippingAnything() throws IOException {
            small().build().writeTo(root);

            KermanyDataset test = KermanyDataset.builder().setRoot(root)
                    .optSubset(KermanySubset.TEST).optImageSize(SIZE).setSampling(4, false).build();

            assertEquals(8, test.size());
            assertTrue(test.skippedFiles().isEmpty());
            assertArrayEquals(new int[] {4, 4}, test.classCounts());
        }

        @Test
        void loadedPixelsAreThePhantomPixels() throws IOException {
            ChestPhantoms phantoms = small().build();
            phantoms.writeTo(root);

            KermanyDataset val = KermanyDataset.builder().setRoot(root).optImageSize(SIZE)
                    .optSubset(KermanySubset.OFFICIAL_VAL).optNormalization(Normalization.UNIT)
                    .setSampling(4, false).build();

            Phantom phantom = phantoms.render(KermanyFolder.VAL, 1, 1);
            assertEquals(root.resolve(phantom.annotation().file()), val.files().get(3));
            float[] image = val.image(3);
            for (int c = 0; c < 3; c++) {
                assertEquals(phantom.pixel(5, 7) / 255f, image[c * SIZE * SIZE + 7 * SIZE + 5], 1e-6f);
            }
        }

        @Test
        void greyscaleAndRgbFilesAreMixed() throws IOException {
            List<PhantomAnnotation> annotations = small().build().writeTo(root);

            long rgb = annotations.stream().filter(PhantomAnnotation::rgbFile).count();
            assertTrue(rgb > 0 && rgb < annotations.size(), rgb + " of " + annotations.size());
            for (PhantomAnnotation a : annotations.subList(0, 6)) {
                BufferedImage image = ImageIO.read(root.resolve(a.file()).toFile());
                assertEquals(a.rgbFile() ? 3 : 1, image.getColorModel().getNumComponents(), a.file());
            }
        }

        @Test
        void manifestListsEveryImageWithItsAnnotation() throws IOException {
            List<PhantomAnnotation> written = small().optShortcutRate(0.9).build().writeTo(root);

            List<PhantomAnnotation> read =
                    PhantomManifest.read(root.resolve(ChestPhantoms.MANIFEST_FILE_NAME));

            assertEquals(written, read);
            assertEquals(2 * (20 + 2 + 4), read.size());
            assertTrue(read.stream().allMatch(a -> Files.isRegularFile(root.resolve(a.file()))));
        }

        @Test
        void refusesToWriteIntoAFolderThatIsNotEmpty() throws IOException {
            Files.writeString(root.resolve("old.txt"), "something");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> small().build().writeTo(root));
            assertEquals("chestXrayRoot must be absent or empty: " + root, e.getMessage());
        }
    }

    @Nested
    class RejectsBadSettings {

        @Test
        void imageSizeBelow32() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChestPhantoms.builder().optImageSize(31));
            assertEquals("imageSize must be at least 32, but was 31", e.getMessage());
        }

        @Test
        void noImagesInAFolder() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChestPhantoms.builder().optImagesPerClass(KermanyFolder.VAL, 0));
            assertEquals("imagesPerClass for VAL must be at least 1, but was 0", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.01, 0.6, Double.NaN})
        void noiseLevelOutsideRange(double level) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChestPhantoms.builder().optNoiseLevel(level));
            assertEquals("noiseLevel must be in [0, 0.5], but was " + level, e.getMessage());
        }

        @ParameterizedTest
        @CsvSource({"0, 0.1", "0.1, 0.05", "0.1, 0.3"})
        void opacityRadiusRangeOutOfOrder(double min, double max) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChestPhantoms.builder().optOpacityRadius(min, max));
            assertEquals("opacity radius must satisfy 0 < min <= max <= 0.25, but was [" + min + ", "
                    + max + "]", e.getMessage());
        }

        @Test
        void renderOutsideTheFolder() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> small().build().render(KermanyFolder.VAL, 0, 2));
            assertEquals("index must be in [0, 2), but was 2", e.getMessage());
        }
    }
}
