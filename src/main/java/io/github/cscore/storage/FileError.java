package io.github.cscore.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * One-line I/O errors that name the file and the operating system's reason. Libraries wrap the
 * reason away: ImageIO says only "I/O error writing PNG file!", and a {@link FileSystemException}'s
 * message repeats the path; a user needs "No space left on device".
 */
public final class FileError {

    private FileError() {}

    /**
     * Returns the innermost reason of an error: the operating system's words where there are any.
     *
     * @param error the error
     * @return its reason, such as {@code No space left on device}
     */
    public static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof FileSystemException fileError && fileError.getReason() != null) {
            return fileError.getReason();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Returns the words of an error for a one-line message: its own message, or, for a wrapper
     * that adds none of its own (an {@code UncheckedIOException} around an {@code IOException}),
     * that of the error it wraps. Only an error without any message is named by its type.
     *
     * @param error the error
     * @return its message, such as {@code cannot write example maps of epoch 3 to runs/demo/timeline-maps:
     *     No space left on device}
     */
    public static String message(Throwable error) {
        Throwable shown = error;
        while (shown.getCause() != null && shown.getCause() != shown
                && (shown.getMessage() == null || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }

    /**
     * Wraps an error in one that names what was done, the file, and the reason.
     *
     * @param file the file or folder
     * @param what what was being done, such as {@code cannot write}
     * @param error the error
     * @return {@code <what> <file>: <reason>}, caused by {@code error}
     */
    public static IOException named(Path file, String what, IOException error) {
        return new IOException(what + " " + file + ": " + reason(error), error);
    }
}
