package io.github.cscore.cli;

import io.github.cscore.training.LearningRateSchedule;

import picocli.CommandLine.Option;

import java.util.Map;

/** How a command trains: {@code --learning-rate}, {@code --batch-size}, {@code --train-per-class}. */
final class TrainingOptions implements OptionNames.Source {

    @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch-size", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--train-per-class", description = "Training images per class (default: ${DEFAULT-VALUE}).")
    int trainPerClass;

    /** The demo's training: Adam 0.001, batches of 32, 400 images per class. */
    TrainingOptions() {
        this(0.001f, 32, 400);
    }

    /** Other defaults, for a command that says why in its description. */
    TrainingOptions(float learningRate, int batchSize, int trainPerClass) {
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.trainPerClass = trainPerClass;
    }

    /** One Adam per phase at {@code --learning-rate}. */
    LearningRateSchedule learningRate() {
        return LearningRateSchedule.constant(learningRate);
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("learningRate", "--learning-rate", "batchSize", "--batch-size", "trainPerClass",
                "--train-per-class");
    }
}
