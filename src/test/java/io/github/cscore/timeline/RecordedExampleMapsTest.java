package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Reading example maps back skips only what is broken and says what and where: one corrupt,
 * missing or wrong-size PNG costs one cell (a map) or one row (an image), a bad index costs the
 * class names, never the whole montage.
 */
class RecordedExampleMapsTest {

    @TempDir
    Path folder;

    @BeforeEach
    void twoCheckpoints() {
        ExampleMapsWriter writer = ExampleMapsWriter.create(folder);
        writer.accept(ExampleMapsWriterTest.checkpoint(1, 10));
        writer.accept(ExampleMapsWriterTest.checkpoint(2, 20));
    }

    @Test
    void aCorruptMapCostsOnlyItsCell() throws IOException {
        Path broken = Files.writeString(folder.resolve("epoch-0002/gradcam/c0-00007.png"), "junk");

        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertEquals(List.of(1, 2), List.copyOf(read.epochs().keySet()));
        assertNull(read.epochs().get(2).get("gradcam").get(0));
        ExampleMapsWriterTest.assertClose(ExampleMapsWriterTest.checkpoint(2, 20).maps().get(Technique.GRAD_CAM).get(1),
                read.epochs().get(2).get("gradcam").get(1));
        assertNotNull(read.epochs().get(1).get("gradcam").get(0));
        assertEquals(List.of(broken + " is not a PNG image"), read.problems());
    }

    @Test
    void aMissingMapCostsOnlyItsCell() throws IOException {
        Path gone = folder.resolve("epoch-0001/eigencam/c1-00012.png");
        Files.delete(gone);

        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertNull(read.epochs().get(1).get("eigencam").get(1));
        assertNotNull(read.epochs().get(1).get("eigencam").get(0));
        assertEquals(List.of(gone + " is missing"), read.problems());
    }

    @Test
    void aHugeMapIsSkippedBeforeItIsDecoded() throws IOException {
        Path huge = folder.resolve("epoch-0001/gradcam/c1-00012.png");
        ImageIO.write(new BufferedImage(3000, 3000, BufferedImage.TYPE_BYTE_GRAY), "png", huge.toFile());

        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertNull(read.epochs().get(1).get("gradcam").get(1));
        assertEquals(List.of(huge + " is 3000x3000, expected 5x6"), read.problems());
    }

    @Test
    void aCorruptImageCostsOnlyItsRow() throws IOException {
        Path broken = Files.writeString(folder.resolve("images/c1-00012.png"), "junk");

        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertEquals(List.of("c0-00007"), read.images().stream().map(ExampleImage::id).toList());
        assertEquals(1, read.epochs().get(2).get("gradcam").size(), "one map per remaining image");
        assertEquals(List.of(broken + " is not a PNG image: its row is left out"), read.problems());
    }

    @Test
    void aBadIndexCostsTheClassNamesAndTheImagesComeFromTheirFiles() throws IOException {
        Path index = Files.writeString(folder.resolve("index.json"), "{\"schema\": 1, \"height\": ");

        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertEquals(List.of("c0-00007", "c1-00012"), read.images().stream().map(ExampleImage::id).toList());
        assertEquals(1, read.images().get(1).classIndex());
        assertEquals(12, read.images().get(1).datasetIndex());
        assertEquals(List.of(1, 2), List.copyOf(read.epochs().keySet()));
        assertEquals(1, read.problems().size());
        assertTrue(read.problems().get(0).startsWith(index + " is not valid JSON"), read.problems().get(0));
    }

    @Test
    void theIndexNamesTheRunTheMapsBelongTo() {
        RecordedExampleMaps read = RecordedExampleMaps.read(folder);

        assertEquals("run", read.run().orElseThrow());
        assertEquals("model", read.model().orElseThrow());
        assertEquals(List.of(), read.problems());
    }

    @Test
    void aSchemaFromANewerVersionRefusesTheFolder() throws IOException {
        Files.writeString(folder.resolve("index.json"), "{\"schema\": 99}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RecordedExampleMaps.read(folder));

        assertTrue(error.getMessage().contains("unsupported example-maps schema 99"), error.getMessage());
    }
}
