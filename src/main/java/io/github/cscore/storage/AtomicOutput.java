package io.github.cscore.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes an output whole or not at all: into a hidden file beside the target, forced to disk, then
 * renamed over the target in one step ({@link StandardCopyOption#ATOMIC_MOVE}). Whatever stops the
 * write (a full disk, a read-only folder, a kill) leaves the previous target as it was, and a
 * reader sees either the old file or the new one, never a mix.
 *
 * <pre>{@code
 * AtomicOutput.writeString(folder.resolve("report.html"), html);
 * AtomicOutput.write(file, out -> ImageIO.write(image, "png", out));
 * }</pre>
 *
 * <p>Folders that fill up over time (example maps, phantoms) are staged under {@link
 * #stagingSibling} and swapped in by {@link #replaceFolder}.
 */
public final class AtomicOutput {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicOutput() {}

    /** What writes an output's bytes. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the bytes; the stream is closed by the caller.
         *
         * @param out the stream into the hidden file
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file through a hidden sibling renamed into place.
     *
     * @param target the file to write, replaced if it exists; its folder must exist
     * @param content what writes the bytes
     * @throws IOException if any step fails; the hidden file is removed and the target kept
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path real = renameTarget(target);
        if (real == null) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                content.writeTo(out);
            }
            return;
        }
        Path pending = stagingSibling(real);
        try {
            try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                // Not closed here: closing the stream would close the channel before force().
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                // Forced before the rename: otherwise a power cut after it can leave an empty file
                // under the target's name (delayed allocation).
                channel.force(true);
            }
            rename(pending, real);
        } finally {
            Files.deleteIfExists(pending);
        }
    }

    /**
     * Writes text as UTF-8 through a hidden sibling renamed into place.
     *
     * @param target the file to write, replaced if it exists; its folder must exist
     * @param text the text
     * @throws IOException if any step fails; the target is kept
     */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Returns the file a rename must replace for a target: the target itself, or the file a
     * symbolic link points to (the link stays a link); null when the target exists and is not a
     * regular file (a device such as {@code /dev/null}, a pipe), which is written in place, since
     * a rename would replace the device itself and there is no earlier output to keep.
     *
     * @param target the output's path
     * @return the regular file to rename over, or null to write in place
     * @throws IOException if a link cannot be resolved
     */
    public static Path renameTarget(Path target) throws IOException {
        if (!Files.exists(target)) {
            return target;
        }
        Path real = target.toRealPath();
        return Files.isRegularFile(real) ? real : null;
    }

    /**
     * Renames a finished file over its target in one step, after forcing its bytes to disk, then
     * forces the folder so that the rename itself survives a power cut.
     *
     * @param finished a complete file in the target's folder
     * @param target the name it takes, replaced if it exists
     * @throws IOException if the file system cannot rename in one step or the move fails
     */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(finished, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        rename(finished, target);
    }

    private static void rename(Path finished, Path target) throws IOException {
        Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(target.toAbsolutePath().getParent());
    }

    /**
     * Replaces a folder by a finished one. A folder cannot be renamed over a non-empty one, so the
     * old folder is first renamed aside ({@code .<name>.previous-<random>}), the new one renamed
     * into place, and the old one then deleted: the target always names a whole folder, except for
     * the instant between the two renames, after which a kill leaves the old folder aside under its
     * hidden name (docs/failure-behaviour.md).
     *
     * @param finished a complete folder beside the target
     * @param target the folder it becomes; replaced if it exists
     * @throws IOException if a rename fails; the old folder is then back under its name
     */
    public static void replaceFolder(Path finished, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(target.toAbsolutePath().getParent());
            return;
        }
        Path aside = hiddenSibling(target, "previous");
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        forceFolder(target.toAbsolutePath().getParent());
        deleteTree(aside);
    }

    /**
     * Names a fresh hidden file or folder beside a target, {@code .<name>-<random>.tmp}, to write
     * before the rename. Not {@code Files.createTempFile}: its owner-only permissions would stay on
     * the renamed file. The name never matches a reader's pattern for the target's kind of file.
     *
     * @param target the file or folder to be written
     * @return an unused name in the same folder
     */
    public static Path stagingSibling(Path target) {
        return hiddenSibling(target, "tmp");
    }

    private static Path hiddenSibling(Path target, String kind) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + "-" + Long.toHexString(RANDOM.nextLong())
                + "." + kind);
    }

    /**
     * Deletes a file or a folder with everything in it; nothing if it is absent.
     *
     * @param root the file or folder
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // deleted meanwhile: what was wanted
                }
            }
        }
    }

    /** Makes a rename in the folder durable; where a folder cannot be opened (not Linux) it is skipped. */
    private static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The rename happened; only its durability against a power cut is not forced here.
        }
    }
}
