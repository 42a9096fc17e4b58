package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.imageio.ImageIO;

class OverlayTest {

    // Each channel is clamp(1.5 - |4v - peak|) * 255 with peaks red 3, green 2, blue 1:
    // v = 0: blue 1.5 - 1 = 0.5 -> 128, red and green below 0 -> 0.
    @ParameterizedTest
    @CsvSource({
        "0.0,   0,   0, 128",  // dark blue
        "0.25,  0, 128, 255",  // blue to cyan: red 1.5-2 <0, green 1.5-1 = 0.5, blue 1.5-0 -> 1
        "0.5, 128, 255, 128",  // green: red 1.5-1 = 0.5, green 1.5 -> 1, blue 0.5
        "0.75, 255, 128,   0", // orange-yellow
        "1.0, 128,   0,   0",  // dark red
        "-3,    0,   0, 128",  // clamped to 0
        "7,   128,   0,   0"   // clamped to 1
    })
    void jetRunsFromDarkBlueThroughGreenToDarkRed(float value, int red, int green, int blue) {
        int rgb = Overlay.jet(value);

        assertEquals(red, (rgb >> 16) & 0xff, "red");
        assertEquals(green, (rgb >> 8) & 0xff, "green");
        assertEquals(blue, rgb & 0xff, "blue");
    }

    @Test
    void blendMixesTheHeatMapOverTheImageByAlpha() {
        float[] gray = {1f, 0f};
        float[] map = {0f, 1f};

        BufferedImage image = Overlay.blend(gray, map, 2, 1, 0.5f, 1);

        // white (255) half-way to dark blue (0, 0, 128): (128, 128, 192); black half-way to dark red: (64, 0, 0)
        assertEquals(0x8080C0, image.getRGB(0, 0) & 0xffffff);
        assertEquals(0x400000, image.getRGB(1, 0) & 0xffffff);
    }

    @Test
    void withoutAMapTheImageIsDrawnInGrayAndEnlargedByWholePixels() {
        BufferedImage image = Overlay.blend(new float[] {0.2f, 1f}, null, 2, 1, 0.5f, 3);

        assertEquals(6, image.getWidth());
        assertEquals(3, image.getHeight());
        assertEquals(0x333333, image.getRGB(2, 2) & 0xffffff, "0.2 * 255 = 51 in every channel");
        assertEquals(0xffffff, image.getRGB(3, 0) & 0xffffff);
    }

    @Test
    void dataUriHoldsAPngOfTheImage() throws Exception {
        BufferedImage image = Overlay.blend(new float[] {0f, 0.5f, 1f, 0.25f}, new float[] {1f, 0f, 0.5f, 0f}, 2, 2,
                Overlay.DEFAULT_ALPHA, 1);

        String uri = Overlay.pngDataUri(image);

        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        byte[] png = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(image.getRGB(x, y), decoded.getRGB(x, y));
            }
        }
    }
}
