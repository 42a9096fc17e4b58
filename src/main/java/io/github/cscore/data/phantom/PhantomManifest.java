package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyFolder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the phantom manifest: a CSV file with a header line and one line per image,
 * columns {@code file,folder,class,size,channels,marker,opacities}.
 *
 * <p>{@code file} is relative to the {@code chest_xray} root; {@code channels} is 1 (greyscale
 * file) or 3 (RGB file); {@code marker} is empty or a box {@code "x0 y0 x1 y1"}; {@code opacities}
 * is empty or {@code ;}-separated entries {@code "LUNG x0 y0 x1 y1"} with {@code LUNG} being
 * {@code RIGHT} or {@code LEFT}. Boxes are end-exclusive pixel coordinates in the image's own
 * {@code size x size} grid. No field needs quoting.
 */
public final class PhantomManifest {

    /** The header line. */
    public static final String HEADER = "file,folder,class,size,channels,marker,opacities";

    private PhantomManifest() {}

    /**
     * Writes annotations to a manifest file, replacing it.
     *
     * @param file the manifest file
     * @param annotations the rows, in order
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<PhantomAnnotation> annotations) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (PhantomAnnotation a : annotations) {
                out.write(line(a));
                out.write('\n');
            }
        }
    }

    /**
     * Reads a manifest file.
     *
     * @param file the manifest file
     * @return its rows, in order
     * @throws IllegalArgumentException naming the file and line if a line is malformed
     * @throws IOException if the file cannot be read
     */
    public static List<PhantomAnnotation> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("manifest must start with the header '" + HEADER
                    + "': " + file);
        }
        List<PhantomAnnotation> result = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            try {
                result.add(parse(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "malformed manifest line " + (i + 1) + " of " + file + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    static String line(PhantomAnnotation a) {
        StringBuilder opacities = new StringBuilder();
        for (Opacity o : a.opacities()) {
            opacities.append(opacities.length() == 0 ? "" : ";").append(o.lung()).append(' ').append(o.box());
        }
        return String.join(",", a.file(), a.folder().folderName(), a.className(),
                Integer.toString(a.size()), a.rgbFile() ? "3" : "1",
                a.marker().map(Box::toString).orElse(""), opacities);
    }

    static PhantomAnnotation parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 fields, found " + f.length);
        }
        if (!f[4].equals("1") && !f[4].equals("3")) {
            throw new IllegalArgumentException("channels must be 1 or 3, but was '" + f[4] + "'");
        }
        Optional<Box> marker = f[5].isEmpty() ? Optional.empty() : Optional.of(Box.parse(f[5]));
        List<Opacity> opacities = new ArrayList<>();
        for (String entry : f[6].isEmpty() ? new String[0] : f[6].split(";")) {
            String trimmed = entry.trim();
            int space = trimmed.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(
                        "opacity must be 'LUNG x0 y0 x1 y1', but was '" + entry + "'");
            }
            opacities.add(new Opacity(Opacity.Lung.valueOf(trimmed.substring(0, space)),
                    Box.parse(trimmed.substring(space + 1))));
        }
        return new PhantomAnnotation(f[0], folder(f[1]), f[2], Integer.parseInt(f[3]),
                f[4].equals("3"), marker, opacities);
    }

    private static KermanyFolder folder(String name) {
        for (KermanyFolder folder : KermanyFolder.values()) {
            if (folder.folderName().equals(name)) {
                return folder;
            }
        }
        throw new IllegalArgumentException("folder must be train, val or test, but was '" + name + "'");
    }
}
