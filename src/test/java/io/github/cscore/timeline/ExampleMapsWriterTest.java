package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

class ExampleMapsWriterTest {

    private static final int HEIGHT = 6;
    private static final int WIDTH = 5;

    @TempDir
    Path folder;

    private static float[] random(long seed) {
        Random random = new Random(seed);
        float[] values = new float[HEIGHT * WIDTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    static List<ExampleImage> images() {
        return List.of(new ExampleImage(ExampleImage.idOf(0, 7), 7, 0, "NORMAL", HEIGHT, WIDTH, random(1)),
                new ExampleImage(ExampleImage.idOf(1, 12), 12, 1, "PNEUMONIA <b>", HEIGHT, WIDTH, random(2)));
    }

    static ExampleMaps checkpoint(int epoch, long seed) {
        return new ExampleMaps("run", "model", epoch, Phase.FINETUNE, images(), Map.of(
                Technique.GRAD_CAM, List.of(random(seed), random(seed + 1)),
                Technique.EIGEN_CAM, List.of(random(seed + 2), new float[HEIGHT * WIDTH])));
    }

    @Test
    void mapsAndImagesReadBackWithinEightBitPrecision() {
        Path timeline = folder.resolve("timeline.jsonl");
        ExampleMapsWriter writer = ExampleMapsWriter.besideTimeline(timeline);
        ExampleMaps first = checkpoint(1, 10);
        ExampleMaps third = checkpoint(3, 20);

        writer.accept(first);
        writer.accept(third);
        RecordedExampleMaps read = RecordedExampleMaps.besideTimeline(timeline).orElseThrow();

        assertEquals(folder.resolve("timeline-maps"), read.directory());
        assertEquals(List.of(1, 3), List.copyOf(read.epochs().keySet()));
        assertEquals(List.of("c0-00007", "c1-00012"), read.images().stream().map(ExampleImage::id).toList());
        assertEquals("PNEUMONIA <b>", read.images().get(1).className());
        assertEquals(12, read.images().get(1).datasetIndex());
        assertClose(images().get(0).grayscale(), read.images().get(0).grayscale());
        assertEquals(List.of("eigencam", "gradcam"), List.copyOf(read.epochs().get(3).keySet()));
        assertClose(third.maps().get(Technique.GRAD_CAM).get(1), read.epochs().get(3).get("gradcam").get(1));
        assertClose(new float[HEIGHT * WIDTH], read.epochs().get(1).get("eigencam").get(1));
        assertEquals(2, writer.written());
    }

    static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.5f / 255 + 1e-6f, "value " + i);
        }
    }

    @Test
    void mapsAreEightBitGrayscalePngsUnderEpochAndTechnique() throws IOException {
        ExampleMapsWriter writer = ExampleMapsWriter.create(folder);

        writer.accept(checkpoint(3, 20));

        Path map = folder.resolve("epoch-0003/gradcam/c1-00012.png");
        assertTrue(Files.isRegularFile(map));
        assertEquals(java.awt.image.BufferedImage.TYPE_BYTE_GRAY, javax.imageio.ImageIO.read(map.toFile()).getType());
        assertTrue(Files.isRegularFile(folder.resolve("images/c0-00007.png")));
        assertTrue(Files.isRegularFile(folder.resolve("index.json")));
        try (Stream<Path> files = Files.walk(folder)) {
            assertEquals(List.of(), files.filter(path -> path.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file or folder is left");
        }
    }

    @Test
    void aRepeatedEpochReplacesItsFolderAndANewWriterStartsANewRun() {
        ExampleMapsWriter writer = ExampleMapsWriter.create(folder);
        writer.accept(checkpoint(1, 10));
        writer.accept(checkpoint(2, 10));
        ExampleMaps again = checkpoint(2, 30);

        writer.accept(again);
        assertClose(again.maps().get(Technique.GRAD_CAM).get(0),
                RecordedExampleMaps.read(folder).epochs().get(2).get("gradcam").get(0));
        ExampleMapsWriter.create(folder).accept(checkpoint(5, 10));

        assertEquals(List.of(5), List.copyOf(RecordedExampleMaps.read(folder).epochs().keySet()),
                "the earlier run's checkpoints are gone");
    }

    @Test
    void aWriteThatFailsIsCountedAndThrownUnchecked() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("occupied"), "a file");
        ExampleMapsWriter writer = ExampleMapsWriter.create(notAFolder);

        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> writer.accept(checkpoint(4, 1)));

        assertTrue(error.getMessage().contains("epoch 4"), error.getMessage());
        assertEquals(1, writer.failedWrites());
        assertEquals(0, writer.written());
        assertFalse(writer.lastFailure().isEmpty());
    }

    @Test
    void noFolderMeansNoExampleMaps() {
        assertTrue(RecordedExampleMaps.besideTimeline(folder.resolve("timeline.jsonl")).isEmpty());
    }

    @Test
    void eightBitLevelsRoundAndClamp() {
        assertEquals(List.of(0, 0, 128, 255, 255), Stream.of(-1f, Float.NaN, 0.5f, 1f, 2f)
                .map(ExampleMapsFormat::toByte).toList());
    }
}
