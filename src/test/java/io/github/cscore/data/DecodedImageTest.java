package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

class DecodedImageTest {

    @TempDir
    Path dir;

    @Test
    void greyscalePngIsOneExactPlane() throws IOException {
        Path file = TestImages.grey(dir.resolve("g.png"), "png", 3, 2, (x, y) -> 10 * x + 100 * y);

        DecodedImage image = DecodedImage.read(file);

        assertEquals(1, image.channels());
        assertEquals(2, image.height());
        assertEquals(3, image.width());
        assertArrayEquals(new byte[] {0, 10, 20, 100, 110, 120}, image.planes());
    }

    @Test
    void colourFileWithEqualChannelsIsKeptAsOnePlane() throws IOException {
        Path file = TestImages.rgb(dir.resolve("c.png"), "png", 2, 2, 77, 77, 77);

        DecodedImage image = DecodedImage.read(file);

        assertEquals(1, image.channels());
        assertArrayEquals(new byte[] {77, 77, 77, 77}, image.planes());
    }

    @Test
    void colourFileKeepsThreePlanesInRgbOrder() throws IOException {
        Path file = TestImages.rgb(dir.resolve("c.png"), "png", 2, 1, 200, 50, 10);

        DecodedImage image = DecodedImage.read(file);

        assertEquals(3, image.channels());
        assertArrayEquals(new byte[] {(byte) 200, (byte) 200, 50, 50, 10, 10}, image.planes());
    }

    @Test
    void sixteenBitGreyscaleKeepsTheTopEightBits() throws IOException {
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 0xABCD);
        deep.getRaster().setSample(1, 0, 0, 0x0100);
        Path file = dir.resolve("deep.png");
        ImageIO.write(deep, "png", file.toFile());

        DecodedImage image = DecodedImage.read(file);

        assertEquals(1, image.channels());
        assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, image.planes());
    }

    @Test
    void paletteImageIsConvertedThroughItsColours() throws IOException {
        IndexColorModel palette = new IndexColorModel(8, 2,
                new byte[] {0, (byte) 255}, new byte[] {0, 0}, new byte[] {0, 0});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);
        Path file = dir.resolve("indexed.png");
        ImageIO.write(indexed, "png", file.toFile());

        DecodedImage image = DecodedImage.read(file);

        assertEquals(3, image.channels());
        assertArrayEquals(new byte[] {0, (byte) 255, 0, 0, 0, 0}, image.planes());
    }

    @Test
    void jpegOfOneGreyLevelDecodesCloseToIt() throws IOException {
        Path file = TestImages.grey(dir.resolve("g.jpeg"), "jpeg", 16, 16, (x, y) -> 90);

        DecodedImage image = DecodedImage.read(file);

        for (byte value : image.planes()) {
            assertEquals(90, value & 0xFF, 2);
        }
    }

    @Test
    void garbageIsRejected() throws IOException {
        Path file = TestImages.garbage(dir.resolve("x.jpeg"));

        IOException e = assertThrows(IOException.class, () -> DecodedImage.read(file));
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        Path file = TestImages.truncated(dir.resolve("t.png"), "png");

        assertThrows(IOException.class, () -> DecodedImage.read(file));
    }

    @Test
    void truncatedJpegIsRejectedAlthoughTheDecoderOnlyWarns() throws IOException {
        Path file = TestImages.truncated(dir.resolve("t.jpeg"), "jpeg");

        IOException e = assertThrows(IOException.class, () -> DecodedImage.read(file));
        assertTrue(e.getMessage().toLowerCase().contains("premature end")
                || e.getMessage().toLowerCase().contains("truncated"), e.getMessage());
    }

    @Test
    void resizedToStretchesEachChannel() {
        // 1 x 4 RGB -> 2 x 2: columns average in pairs; the single row is repeated.
        byte[] planes = {0, 100, (byte) 200, 40, 10, 10, 10, 10, 1, 3, 5, 7};
        DecodedImage resized = new DecodedImage(1, 4, 3, planes).resizedTo(2);

        assertArrayEquals(new byte[] {50, 120, 50, 120, 10, 10, 10, 10, 2, 6, 2, 6}, resized.planes());
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(DecodedImageTest.class.getResource("/images/" + name).toURI());
    }

    /** Made by src/test/python/make_image_fixtures.py: uniform grey 51 (0.2) stored as Adobe CMYK. */
    @Test
    void aCmykJpegReadsWithItsTrueIntensity() throws Exception {
        DecodedImage image = DecodedImage.read(fixture("cmyk-grey-051.jpg"));

        assertEquals(1, image.channels(), "equal channels after colour conversion: one plane");
        for (byte value : image.planes()) {
            assertEquals(51, value & 0xFF, 2);
        }
    }

    /** Made by src/test/python/make_image_fixtures.py: RGB (204, 102, 51) with an embedded sRGB profile. */
    @Test
    void aJpegWithAnEmbeddedSrgbProfileReadsItsOwnValues() throws Exception {
        DecodedImage image = DecodedImage.read(fixture("srgb-icc-204-102-051.jpg"));

        assertEquals(3, image.channels());
        int plane = image.height() * image.width();
        assertEquals(204, image.planes()[0] & 0xFF, 2);
        assertEquals(102, image.planes()[plane] & 0xFF, 2);
        assertEquals(51, image.planes()[2 * plane] & 0xFF, 2);
    }
}
