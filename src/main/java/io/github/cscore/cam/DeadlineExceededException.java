package io.github.cscore.cam;

/** Thrown when an explanation runs past its time budget; the explanation is abandoned. */
public class DeadlineExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what ran out of time
     */
    public DeadlineExceededException(String message) {
        super(message);
    }
}
