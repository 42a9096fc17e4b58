package io.github.cscore.timeline;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.storage.FileError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The files of an example-maps folder: names, the index, 8-bit grayscale PNGs. Files are written
 * plainly, always inside a staged folder that is renamed into place whole.
 */
final class ExampleMapsFormat {

    static final int SCHEMA = 1;
    static final String INDEX = "index.json";
    static final String IMAGES = "images";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EPOCH_FOLDER = Pattern.compile("epoch-(\\d{4,9})");

    private ExampleMapsFormat() {}

    static String epochFolder(int epoch) {
        return "epoch-%04d".formatted(epoch);
    }

    /** The epoch of a checkpoint folder's name; -1 for any other name (temporary folders too). */
    static int epochOf(String folderName) {
        Matcher matcher = EPOCH_FOLDER.matcher(folderName);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static void writeIndex(Path path, ExampleMaps maps) throws IOException {
        List<ExampleImage> images = maps.images();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("run", maps.run());
        root.put("model", maps.model());
        root.put("height", images.isEmpty() ? 0 : images.get(0).height());
        root.put("width", images.isEmpty() ? 0 : images.get(0).width());
        ArrayNode list = root.putArray("images");
        for (ExampleImage image : images) {
            ObjectNode node = list.addObject();
            node.put("id", image.id());
            node.put("dataset_index", image.datasetIndex());
            node.put("class_index", image.classIndex());
            node.put("class", image.className());
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), root);
    }

    static JsonNode readIndex(Path path) throws IOException {
        return MAPPER.readTree(path.toFile());
    }

    /** Values in [0, 1] as 8-bit grey levels, round(255 v); values outside are clamped. */
    static void writePng(Path path, float[] values, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, toByte(values[y * width + x]));
            }
        }
        try {
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw FileError.named(path, "cannot write", e);
        }
    }

    static int toByte(float value) {
        float clamped = Float.isNaN(value) ? 0f : Math.max(0f, Math.min(1f, value));
        return Math.round(clamped * 255f);
    }

    /**
     * An 8-bit grayscale PNG back as values in [0, 1]. Its size is checked from the header before
     * any pixel is decoded, so a huge image replacing a map costs no memory.
     *
     * @throws IOException whose message names the file and says what is wrong with it
     */
    static float[] readPng(Path path, int width, int height) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is missing");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            ImageReader reader = pngReader(path, in);
            try {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w != width || h != height) {
                    throw new IOException(path + " is " + w + "x" + h + ", expected " + width + "x" + height);
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new IOException(path + " is not a readable PNG image (" + FileError.reason(e) + ")", e);
        }
        float[] values = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = image.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return values;
    }

    /** The width and height a PNG's header gives, or empty if it is not a readable PNG. */
    static Optional<int[]> pngSize(Path path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            ImageReader reader = pngReader(path, in);
            try {
                return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ImageReader pngReader(Path path, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        if (readers == null || !readers.hasNext()) {
            throw new IOException(path + " is not a PNG image");
        }
        ImageReader reader = readers.next();
        if (!"png".equalsIgnoreCase(reader.getFormatName())) {
            reader.dispose();
            throw new IOException(path + " is not a PNG image");
        }
        reader.setInput(in, true, true);
        return reader;
    }
}
