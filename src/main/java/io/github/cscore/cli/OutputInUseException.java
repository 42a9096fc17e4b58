package io.github.cscore.cli;

/** An output folder or file is being written by another run: the user waits or picks another. */
final class OutputInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutputInUseException(String message) {
        super(message);
    }
}
