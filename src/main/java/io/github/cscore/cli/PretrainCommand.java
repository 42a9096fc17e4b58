package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.Training;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cscore pretrain}: trains an architecture's backbone on all ten Fashion-MNIST classes
 * (Debian's dataset-fashion-mnist, offline) and saves it for {@code cscore demo --backbone}, so
 * that the demo's transfer phase starts from features learned on a real task.
 */
@Command(
        name = "pretrain",
        header = "Pretrains a backbone on Fashion-MNIST for the demo's transfer phase.",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the chosen architecture, at the demo's scale, on all ten Fashion-MNIST classes (real",
            "photographs, from Debian's dataset-fashion-mnist) and saves its backbone, for",
            "cscore demo --backbone FILE: the transfer phase then starts from learned features."
        })
final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Backbone file to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "pretrain", "backbone.cscore");

    @Option(names = "--architecture", description = "resnet50v2, densenet201 or inceptionv3 (default: ${DEFAULT-VALUE}).")
    String architecture = "resnet50v2";

    @Option(names = "--input", description = "Input height and width, as the demo's (default: ${DEFAULT-VALUE}).")
    int input = 64;

    @Option(names = "--width", description = "Width multiplier, as the demo's (default: ${DEFAULT-VALUE}).")
    float width = 0.25f;

    @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--train-per-class", description = "Training images per class (default: ${DEFAULT-VALUE}).")
    int trainPerClass = 300;

    @Option(names = "--batch-size", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate = 0.001f;

    @Option(names = "--seed", description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || trainPerClass < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("--epochs, --train-per-class, --batch-size and --learning-rate must be "
                    + "positive, but were " + epochs + ", " + trainPerClass + ", " + batchSize + " and " + learningRate);
        }
        if (input < DemoRun.MIN_INPUT || input > DemoRun.MAX_INPUT) {
            throw new IllegalArgumentException("--input must be in [" + DemoRun.MIN_INPUT + ", " + DemoRun.MAX_INPUT
                    + "] pixels, but was " + input);
        }
        PrintWriter printer = spec.commandLine().getOut();
        Engine.getInstance().setRandomSeed((int) seed);
        Network network = Architecture.fromLabel(architecture)
                .build(DemoRun.networkConfig(input, width, FashionMnistIdx.CLASS_NAMES.size()));
        FashionMnistIdx train = images(Dataset.Usage.TRAIN, trainPerClass, true);
        FashionMnistIdx test = images(Dataset.Usage.TEST, Math.max(trainPerClass / 4, 10), false);
        printer.printf("pretraining %s on Fashion-MNIST, 10 classes: %d training and %d test images of %dx%d%n",
                network.name(), train.size(), test.size(), input, input);
        printer.flush();
        long start = System.nanoTime();
        try (Model model = Model.newInstance(network.name())) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic())   // computes the test accuracy
                    .addTrainingListeners(new EpochLine(printer, start));
            try (Trainer trainer = model.newTrainer(config)) {
                Training.fit(trainer, epochs, train, test);
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            network.saveBackbone(out);
        }
        printer.printf("backbone: %s (%.0f s); use it with cscore demo --backbone %s%n", out,
                (System.nanoTime() - start) / 1e9, out);
        printer.flush();
        return 0;
    }

    private FashionMnistIdx images(Dataset.Usage usage, int perClass, boolean shuffle) throws java.io.IOException {
        return FashionMnistIdx.builder()
                .optUsage(usage)
                .optLimitPerClass(perClass)
                .optImageSize(input)
                .setSampling(batchSize, shuffle)
                .build();
    }

    /** One line per epoch: the test accuracy and the time so far. */
    private static final class EpochLine extends ai.djl.training.listener.TrainingListenerAdapter {
        private final PrintWriter printer;
        private final long start;
        private int epoch;

        EpochLine(PrintWriter printer, long start) {
            this.printer = printer;
            this.start = start;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            epoch++;
            float accuracy = trainer.getTrainingResult().getValidateEvaluation("Accuracy");
            printer.printf("epoch %d: test accuracy %.3f (%.0f s)%n", epoch, accuracy, (System.nanoTime() - start) / 1e9);
            printer.flush();
        }
    }
}
