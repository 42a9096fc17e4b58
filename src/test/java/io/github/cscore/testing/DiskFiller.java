package io.github.cscore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Fills a {@link SmallDisk} while a writer in another process is at work: a thread watches a
 * folder and takes every byte left as soon as anything in it changes (a first record, a writer's
 * temporary file), so that the disk runs out during the writer's work rather than before it. Where
 * the writer is at that moment varies from run to run; a fault test asserts what must hold
 * wherever it is.
 */
public final class DiskFiller {
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean filled = new AtomicBoolean();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private DiskFiller(SmallDisk disk, Path folder, String ignored) throws IOException {
        Map<String, String> start = listing(folder, ignored);
        thread = new Thread(() -> {
            try {
                while (running.get()) {
                    if (!listing(folder, ignored).equals(start)) {
                        disk.fill(0);
                        filled.set(true);
                        return;
                    }
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "disk-filler");
    }

    /**
     * Starts watching a folder on a disk.
     *
     * @param disk the disk to fill
     * @param folder the folder whose first change fills it
     * @param ignored a file name whose creation is not a change (a lock taken before any write)
     * @return the filler; stop it once the writer is done
     * @throws IOException if the folder cannot be listed
     */
    public static DiskFiller start(SmallDisk disk, Path folder, String ignored) throws IOException {
        DiskFiller filler = new DiskFiller(disk, folder, ignored);
        filler.thread.start();
        return filler;
    }

    /**
     * Stops watching.
     *
     * @throws Exception if filling the disk failed
     */
    public void stop() throws Exception {
        running.set(false);
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Tells whether the disk was filled.
     *
     * @return false if the folder never changed
     */
    public boolean filled() {
        return filled.get();
    }

    /** Every path but the ignored one, a file with its size and time of change: cheap enough every 20 ms. */
    private static Map<String, String> listing(Path folder, String ignored) throws IOException {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.toList()) {
                if (!path.getFileName().toString().equals(ignored)) {
                    try {
                        // A folder's own time changes when the ignored file is created: only its presence counts.
                        listing.put(folder.relativize(path).toString(), Files.isDirectory(path) ? "/"
                                : Files.size(path) + " " + Files.getLastModifiedTime(path));
                    } catch (NoSuchFileException gone) {
                        listing.put(folder.relativize(path).toString(), "gone");
                    }
                }
            }
        } catch (UncheckedIOException e) {
            listing.put("", "changing: " + e.getMessage()); // a file went while listed: a change
        }
        return listing;
    }
}
