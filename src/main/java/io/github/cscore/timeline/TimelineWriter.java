package io.github.cscore.timeline;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.storage.AtomicOutput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A sink that writes a run's timeline: one JSON line per checkpoint result and per alert event
 * (schema in {@code docs/timeline.md}).
 *
 * <p>It cannot corrupt the file by appending. The file is locked for the writer's life, so a
 * second writer (another process or another monitor) fails at once with a clear message instead
 * of interleaving records. Each record is written whole at the end of the last complete record
 * and forced to disk; a write that fails half-way (a full disk) leaves a fragment that the next
 * write removes first, so records are never glued together. {@link #failedWrites()} tells a
 * caller at the end whether the file is complete.
 *
 * <p>A new run ({@link #create}) never truncates the previous run's file: its first record is
 * written to a hidden file beside it and renamed over it in one step ({@link AtomicOutput}), so
 * until a new record is whole on disk the previous timeline stays as it was, whatever fails.
 */
public final class TimelineWriter implements Consumer<CheckpointResult>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineWriter.class);

    private final Path path;
    private FileChannel channel;
    private FileLock lock;
    /** The replaced file's channel, kept locked to the end: a writer that opened it just before the rename must still fail. */
    private Locked replaced;
    private boolean replacePending;
    /** The run the file holds: its first checkpoint's identity, or until then its first record's. */
    private RunIdentity identity;
    private long completeLength;
    private int written;
    private int failedWrites;
    private String lastFailure = "";

    private TimelineWriter(Path path, FileChannel channel, FileLock lock, boolean replace, long completeLength) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.replacePending = replace;
        this.completeLength = completeLength;
    }

    /**
     * Opens a timeline to continue it (a resumed run). Its records are checked first: a malformed
     * record refuses the file, and a cut-off last record (a crash during a write) is moved to
     * {@code <file>.cut-off} and removed, so the next record starts on a line of its own.
     *
     * @param path the {@code .jsonl} file; created with its parent folders if missing
     * @return the writer
     * @throws IllegalArgumentException if the file holds a malformed record, is no regular file or
     *     is larger than {@link Timeline#MAX_BYTES}
     * @throws IllegalStateException if another writer holds the file
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static TimelineWriter resume(Path path) {
        Objects.requireNonNull(path, "path");
        Locked locked = openLocked(path);
        try {
            byte[] existing = Timeline.readBounded(path);
            Timeline timeline = Timeline.parse(path, existing);
            int complete = Timeline.completeLength(existing);
            if (complete < existing.length) {
                setAside(path, Arrays.copyOfRange(existing, complete, existing.length));
                locked.channel().truncate(complete);
            }
            TimelineWriter writer = new TimelineWriter(path, locked.channel(), locked.lock(), false, complete);
            timeline.alerts().stream().findFirst().ifPresent(writer::keepIdentity);
            timeline.checkpoints().stream().findFirst().ifPresent(writer::keepIdentity);
            return writer;
        } catch (IOException e) {
            closeQuietly(locked.channel());
            throw new UncheckedIOException("cannot open timeline " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(locked.channel());
            throw e;
        }
    }

    /**
     * Opens a timeline for a new run. An existing file is replaced when the first record is
     * written, so a run that fails before its first checkpoint leaves the previous timeline as it
     * was.
     *
     * @param path the {@code .jsonl} file; created with its parent folders if missing
     * @return the writer
     * @throws IllegalStateException if another writer holds the file
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static TimelineWriter create(Path path) {
        Objects.requireNonNull(path, "path");
        Locked locked = openLocked(path);
        return new TimelineWriter(path, locked.channel(), locked.lock(), true, 0);
    }

    private record Locked(FileChannel channel, FileLock lock) {}

    /** Opens the file and takes an exclusive lock on it, released on close or when the process ends. */
    private static Locked openLocked(Path path) {
        FileChannel channel;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open timeline " + path + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new Locked(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another writer in this process: the same answer as another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock timeline " + path + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("timeline " + path + " is being written by another run; "
                + "wait for it to finish or write to another file");
    }

    private static void setAside(Path path, byte[] fragment) throws IOException {
        Path aside = path.resolveSibling(path.getFileName() + ".cut-off");
        Files.write(aside, fragment, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        LOG.warn("timeline {} ended with a cut-off record of {} bytes; moved it to {} and continued after the last "
                + "complete record", path, fragment.length, aside);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a timeline channel failed", e);
        }
    }

    /**
     * Returns the file written to.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Writes one checkpoint result.
     *
     * @param result the checkpoint result
     * @throws UncheckedIOException if the write fails (counted in {@link #failedWrites()})
     * @throws IllegalArgumentException if the result is of another run, model, classes or
     *     techniques than the file's first record (nothing is written: the reader would refuse it)
     */
    @Override
    public void accept(CheckpointResult result) {
        sameRun(result);
        write(TimelineJson.toLine(result));
        keepIdentity(result);
    }

    /**
     * Writes one alert event.
     *
     * @param event the event
     * @throws UncheckedIOException if the write fails (counted in {@link #failedWrites()})
     * @throws IllegalArgumentException if the event is of another run or model than the file's
     *     first record (nothing is written)
     */
    public void append(AlertEvent event) {
        sameRun(event);
        write(TimelineJson.toLine(event));
        keepIdentity(event);
    }

    /** Refuses a record the reader would refuse: one of another run than the file holds. */
    private synchronized void sameRun(Object record) {
        if (identity == null) {
            return;
        }
        RunIdentity.of(record).differenceFrom(identity, "the record", "the file's first record").ifPresent(difference -> {
            throw new IllegalArgumentException("timeline " + path + ": " + difference
                    + ": a timeline holds one run, write another run to another file");
        });
    }

    private synchronized void keepIdentity(Object record) {
        RunIdentity of = RunIdentity.of(record);
        if (identity == null || !identity.isComplete() && of.isComplete()) {
            identity = of;
        }
    }

    private synchronized void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (replacePending) {
                replaceWith(bytes);
                return;
            }
            if (channel.size() > completeLength) {
                channel.truncate(completeLength); // the fragment of an earlier failed write
            }
            append(bytes);
        } catch (IOException e) {
            failedWrites++;
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UncheckedIOException("cannot write to timeline " + path + ": " + lastFailure, e);
        }
    }

    /**
     * The first record of a new run: written to a hidden file, locked and forced, then renamed over
     * the previous run's file, which is left untouched if anything fails first. A device (say
     * {@code /dev/null}) has no previous run to keep: it is written in place.
     */
    private void replaceWith(byte[] firstRecord) throws IOException {
        Path target = AtomicOutput.renameTarget(path);
        if (target == null) {
            channel.truncate(0);
            replacePending = false;
            append(firstRecord);
            return;
        }
        Path pending = AtomicOutput.stagingSibling(target);
        FileChannel fresh = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock freshLock = fresh.lock(); // a new file nobody else has opened: never waits
            ByteBuffer buffer = ByteBuffer.wrap(firstRecord);
            while (buffer.hasRemaining()) {
                fresh.write(buffer);
            }
            AtomicOutput.moveIntoPlace(pending, target);
            replaced = new Locked(channel, lock);
            channel = fresh;
            lock = freshLock;
        } catch (IOException | RuntimeException e) {
            closeQuietly(fresh);
            Files.deleteIfExists(pending);
            throw e;
        }
        replacePending = false;
        completeLength = firstRecord.length;
        written++;
    }

    /** Writes a record after the last complete one and forces it to disk. */
    private void append(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = completeLength;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
        completeLength = position;
        written++;
    }

    /**
     * Returns the number of records written whole.
     *
     * @return the count
     */
    public synchronized int written() {
        return written;
    }

    /**
     * Returns the number of records that could not be written: if not 0, the timeline is
     * incomplete.
     *
     * @return the count
     */
    public synchronized int failedWrites() {
        return failedWrites;
    }

    /**
     * Returns why the last failed write failed.
     *
     * @return the reason, empty if no write failed
     */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** Releases the file, leaving only complete records in it. Closing twice does nothing more. */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            if (!replacePending && channel.size() > completeLength) {
                channel.truncate(completeLength);
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
                if (replaced != null) {
                    closeQuietly(replaced.channel()); // closing releases its lock
                }
            }
        }
    }
}
