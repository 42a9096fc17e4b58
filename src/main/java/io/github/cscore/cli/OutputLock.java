package io.github.cscore.cli;

import io.github.cscore.storage.FileError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on an output folder for one run, so that two runs into the same folder
 * cannot delete or interleave each other's files. It is an operating-system lock on a file in the
 * folder: released on close, and by the system when the process dies, so a crash leaves no stale
 * claim behind.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE_NAME = ".cscore.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims a folder, creating it if needed.
     *
     * @throws OutputInUseException if another run holds it
     * @throws IllegalArgumentException naming the option if the path is a file or a device
     * @throws UncheckedIOException if the folder cannot be created or the lock file written
     */
    /**
     * The output folder cannot be written (a full disk, a read-only file system, no permission):
     * said of the option and the folder, not of the lock file the user never named.
     */
    private static UncheckedIOException cannotWrite(Path folder, String option, IOException e) {
        // An access-denied exception carries no reason of its own, only the file's name.
        String reason = e instanceof AccessDeniedException ? "permission denied" : FileError.reason(e);
        return new UncheckedIOException(new IOException(option + " " + folder + ": cannot write there: " + reason, e));
    }

    static OutputLock claim(Path folder, String option) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + folder + " is not a folder");
        }
        FileChannel channel;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(folder.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(folder, option, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new OutputLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another run in this process
        } catch (IOException e) {
            close(channel);
            throw cannotWrite(folder, option, e);
        }
        close(channel);
        throw new OutputInUseException(folder + " is in use by another cscore run; wait for it to finish or choose "
                + "another " + option);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }
}
