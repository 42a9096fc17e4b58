package io.github.cscore.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own for fault-injection tests: a tmpfs of a few hundred kilobytes
 * mounted on a test folder, that a test can fill up or turn read-only. Mounting needs root (the
 * project's machines and CI run as root); where it is not possible, the test using it is skipped,
 * not failed. As root, permission bits do not stop writes, so "read-only" is a read-only remount.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.mount(tempDir.resolve("disk"), 512 * 1024)) {
 *     ... write a previous run under disk.root() ...
 *     disk.fill(0);      // no byte left
 *     ... rerun, assert the previous run is intact ...
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {

    private static final String FILLER = ".filler";
    private final Path root;

    private SmallDisk(Path root) {
        this.root = root;
    }

    /**
     * Mounts a tmpfs of the given size on a folder, or skips the calling test if that is not
     * possible here.
     *
     * @param mountPoint a folder to create and mount on, inside the test's temporary folder
     * @param bytes the size of the file system
     * @return the mounted disk; close it to unmount
     */
    public static SmallDisk mount(Path mountPoint, long bytes) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + mountPoint, e);
        }
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(output == null, () -> "cannot mount a small tmpfs here (needs root): " + output);
        return new SmallDisk(mountPoint);
    }

    /**
     * Returns the folder at the disk's root.
     *
     * @return the mount point
     */
    public Path root() {
        return root;
    }

    /**
     * Fills the disk so that only about {@code leaveBytes} stay free (tmpfs counts whole 4 KiB pages).
     *
     * @param leaveBytes bytes to leave free; 0 leaves none, so any write of data fails
     * @throws IOException if the filler cannot be written for another reason than a full disk
     */
    public void fill(long leaveBytes) throws IOException {
        Path filler = root.resolve(FILLER);
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
        if (leaveBytes > 0) {
            try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
                channel.truncate(Math.max(0, channel.size() - leaveBytes));
            }
        }
    }

    /** Frees the space {@link #fill} took. */
    public void drain() throws IOException {
        Files.deleteIfExists(root.resolve(FILLER));
    }

    /** Remounts the disk read-only: every write, create, rename or delete fails. */
    public void readOnly() {
        String output = run("mount", "-o", "remount,ro", root.toString());
        if (output != null) {
            throw new IllegalStateException("cannot remount " + root + " read-only: " + output);
        }
    }

    /** Remounts the disk writable again. */
    public void writable() {
        String output = run("mount", "-o", "remount,rw", root.toString());
        if (output != null) {
            throw new IllegalStateException("cannot remount " + root + " writable: " + output);
        }
    }

    /** Unmounts the disk; what was on it is gone. */
    @Override
    public void close() {
        run("umount", "-l", root.toString());
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
