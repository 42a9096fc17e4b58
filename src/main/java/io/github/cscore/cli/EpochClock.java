package io.github.cscore.cli;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Times the training and, on an interactive terminal, shows a progress bar per epoch. Registered
 * before the monitor, so its epoch timestamps are taken before each checkpoint runs.
 */
final class EpochClock extends TrainingListenerAdapter {

    private final boolean interactive = System.console() != null;
    private long start;
    private long end;
    private int epochs;
    private ProgressBar bar;

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (start == 0) {
            start = System.nanoTime();
        }
        if (interactive) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName("epoch " + (epochs + 1))
                        .setStyle(ProgressBarStyle.ASCII)
                        .setInitialMax(batchData.getBatch().getProgressTotal())
                        .continuousUpdate()
                        .build();
            }
            bar.step();
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        epochs++;
        end = System.nanoTime();
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Wall time from the first training batch to the end of the last epoch, checkpoints included. */
    double seconds() {
        return (end - start) / 1e9;
    }

    int epochs() {
        return epochs;
    }
}
