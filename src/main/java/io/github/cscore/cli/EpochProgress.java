package io.github.cscore.cli;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Counts epochs and, on an interactive terminal, shows a progress bar per epoch. */
final class EpochProgress extends TrainingListenerAdapter {

    private final boolean interactive = System.console() != null;
    private int epochs;
    private ProgressBar bar;

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
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
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    int epochs() {
        return epochs;
    }
}
