package io.github.cscore.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.storage.Sha256;
import io.github.cscore.timeline.Timeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Tells whether every file a command left under its output's real name is whole, by what each kind
 * of file must look like when it was written to the end: a timeline that {@link Timeline#read}
 * accepts (a cut-off last record is what that reader allows), JSON that parses, images that
 * decode, a report that ends with {@code </html>}, text that ends with a newline, a backbone whose
 * SHA-256 trailer matches, a snapshot whose digest its manifest lists. Hidden names (a writer's
 * {@code .tmp} or {@code .previous} leftovers, the lock) are not outputs and are not looked at.
 */
public final class WholeFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BACKBONE_MAGIC = 0x43534242; // "CSBB"
    private static final int BACKBONE_END = 0x43534245; // "CSBE"
    private static final String SNAPSHOT_MANIFEST = "cscore-snapshots.json";

    private WholeFiles() {}

    /**
     * Finds the files under a folder that are not whole.
     *
     * @param root the folder (absent: nothing to check)
     * @return one line per file that is cut off, unreadable or of an unknown kind; empty if all are whole
     * @throws IOException if the folder cannot be listed
     */
    public static List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(root)) {
            return problems;
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.filter(Files::isRegularFile).filter(path -> !isHidden(root, path)).toList();
        }
        for (Path file : files) {
            String problem = problem(file);
            if (problem != null) {
                problems.add(root.relativize(file) + ": " + problem);
            }
        }
        return problems;
    }

    /**
     * Tells whether a path has a hidden name anywhere below a root: a writer's temporary file, a
     * folder set aside, the output lock, a disk's filler.
     *
     * @param root the folder the path is under
     * @param path the path
     * @return true if any of its names below the root starts with a dot
     */
    public static boolean isHidden(Path root, Path path) {
        for (Path name : root.relativize(path)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Why a file is not whole, or null if it is. */
    private static String problem(Path file) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".jsonl")) {
                return name.startsWith("timeline") ? timelineProblem(file) : jsonLinesProblem(file);
            }
            if (name.endsWith(".json")) {
                JSON.readTree(file.toFile());
                return null;
            }
            if (name.endsWith(".png") || name.endsWith(".jpeg") || name.endsWith(".jpg")) {
                return ImageIO.read(file.toFile()) == null ? "not a decodable image" : null;
            }
            if (name.endsWith(".html")) {
                return Files.readString(file).strip().endsWith("</html>") ? null : "does not end with </html>";
            }
            if (name.endsWith(".backbone") || name.endsWith(".cscore")) {
                return backboneProblem(file);
            }
            if (name.endsWith(".params")) {
                return snapshotProblem(file);
            }
            if (name.equals("done")) {
                return null; // an empty marker
            }
            if (Stream.of(".csv", ".md", ".txt", ".properties", ".sha256").anyMatch(name::endsWith)) {
                return textProblem(file);
            }
            return "no check for a file of this kind";
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static String timelineProblem(Path file) {
        Timeline.read(file); // throws, naming the line, on anything but a cut-off last record
        return null;
    }

    /** Every whole line is JSON; only a last line without its newline may be cut off (as for timelines). */
    private static String jsonLinesProblem(Path file) throws IOException {
        String text = Files.readString(file);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].isBlank()) {
                JsonNode node = JSON.readTree(lines[i]);
                if (node == null || !node.isObject()) {
                    return "line " + (i + 1) + " is not a JSON object";
                }
            }
        }
        return null;
    }

    private static String textProblem(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            return "empty";
        }
        return bytes[bytes.length - 1] == '\n' ? null : "does not end with a newline: cut off?";
    }

    /** A backbone (format 2) ends with "CSBE" and the SHA-256 of every byte before the digest. */
    private static String backboneProblem(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int trailer = Integer.BYTES + Sha256.BYTES;
        if (bytes.length < 2 * Integer.BYTES + trailer || ByteBuffer.wrap(bytes).getInt() != BACKBONE_MAGIC) {
            return "not a backbone, or cut off in its header (" + bytes.length + " bytes)";
        }
        int digestAt = bytes.length - Sha256.BYTES;
        byte[] digest = Sha256.digest().digest(Arrays.copyOf(bytes, digestAt));
        boolean whole = ByteBuffer.wrap(bytes, digestAt - Integer.BYTES, Integer.BYTES).getInt() == BACKBONE_END
                && Arrays.equals(digest, Arrays.copyOfRange(bytes, digestAt, bytes.length));
        return whole ? null : "its SHA-256 trailer does not match: cut off or damaged";
    }

    /** A saved snapshot's digest is listed in the manifest beside it. */
    private static String snapshotProblem(Path file) throws IOException {
        Path manifest = file.resolveSibling(SNAPSHOT_MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "no " + SNAPSHOT_MANIFEST + " beside it";
        }
        String digest = Sha256.of(file);
        for (JsonNode snapshot : JSON.readTree(manifest.toFile()).path("snapshots")) {
            if (digest.equals(snapshot.path("sha256").asText())) {
                return null;
            }
        }
        return "its SHA-256 is not in " + SNAPSHOT_MANIFEST + ": cut off, or saved without being listed";
    }
}
