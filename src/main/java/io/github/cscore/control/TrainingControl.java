package io.github.cscore.control;

/**
 * What a component outside the training loop may ask of training, for example an alert action.
 * Each request is carried out at the end of the current epoch, on the training thread, so that it
 * never overlaps a training step; every method is safe from any thread and returns at once.
 */
public interface TrainingControl {

    /**
     * Asks for training to stop cleanly at the end of the current epoch, after that epoch's
     * checkpoint.
     *
     * @param reason why, in one line
     */
    void requestStop(String reason);

    /**
     * Asks for the model to be saved at the end of the current epoch, labelled with what it is
     * for.
     *
     * @param label what the snapshot is for, e.g. the alert's rule
     */
    void requestSnapshot(String label);

    /** Asks for a checkpoint to be scored at the end of the current epoch, whatever the schedule. */
    void requestCheckpoint();
}
