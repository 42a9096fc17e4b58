package io.github.cscore.cli;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.TechniqueResult;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Counts epochs and, on an interactive terminal, shows a progress bar per epoch that carries the
 * latest checkpoint's AUC and lowest C-Score, so a person sees the trend while an epoch runs.
 */
final class EpochProgress extends TrainingListenerAdapter {

    private final boolean interactive = System.console() != null;
    private int epochs;
    private ProgressBar bar;
    private volatile String latest = "no checkpoint yet";

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
            bar.setExtraMessage(latest);
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

    /** Remembers the checkpoint for the next epoch's bar; a monitor sink. */
    void showLatest(CheckpointResult result) {
        latest = summary(result);
    }

    /** One short text: the epoch, its AUC and the lowest C-Score of any technique and class. */
    static String summary(CheckpointResult result) {
        double lowest = result.techniques().values().stream().filter(TechniqueResult::isScored)
                .mapToDouble(t -> t.global().worst()).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        return "epoch " + result.epoch() + ": AUC " + CheckpointTable.number(result.macroAuc())
                + ", lowest C-Score " + CheckpointTable.number(lowest);
    }

    int epochs() {
        return epochs;
    }
}
