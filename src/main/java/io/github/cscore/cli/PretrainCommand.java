package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.model.Network;
import io.github.cscore.storage.FileError;
import io.github.cscore.training.TrainingData;
import io.github.cscore.training.TrainingDataSource;
import io.github.cscore.training.TrainingPhase;
import io.github.cscore.training.TrainingPlan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            "Trains the chosen architecture, at the demo's scale, on all ten Fashion-MNIST classes (real "
                    + "photographs, from Debian's dataset-fashion-mnist) and saves its backbone, for cscore demo "
                    + "--backbone FILE: the transfer phase then starts from learned features.",
            "",
            "--train-per-class is 300 by default, not the demo's 400: ten classes make 3,000 images, and "
                    + "two epochs of them already take minutes on two cores (timings in docs/models.md)."
        })
final class PretrainCommand implements Callable<Integer>, OptionNames.Source {

    @Option(names = "--out", description = "Backbone file to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "pretrain", "backbone.cscore");

    @Mixin
    NetworkOptions network;

    @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Mixin
    TrainingOptions training = new TrainingOptions(0.001f, 32, 300);

    @Mixin
    SeedOption seed;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOut();
        Network built = network.architecture().build(network.config(FashionMnistIdx.CLASS_NAMES.size()));
        // One phase, everything trainable: the backbone learns.
        TrainingPlan plan = TrainingPlan.builder()
                .addPhase(TrainingPhase.finetune(epochs, training.learningRate()))
                .build();
        int input = network.input();
        TrainingDataSource images = TrainingDataSource.fashionMnist(FashionMnistIdx.CLASS_NAMES, training.trainPerClass,
                Math.max(training.trainPerClass / 4, 10), input, training.batchSize);
        PrintWriter printer = spec.commandLine().getOut();
        Engine.getInstance().setRandomSeed((int) seed.seed);
        TrainingData data = images.load();
        RandomAccessDataset train = data.train();
        // The validation images are Fashion-MNIST's test file, a DJL dataset too: the test accuracy.
        RandomAccessDataset test = (RandomAccessDataset) data.validation();
        printer.printf("pretraining %s on Fashion-MNIST, 10 classes: %d training and %d test images of %dx%d%n",
                built.name(), train.size(), test.size(), input, input);
        printer.flush();
        long start = System.nanoTime();
        try (Model model = Model.newInstance(built.name())) {
            model.setBlock(built.block());
            built.initialize(model.getNDManager());
            // The basic listeners compute the test accuracy that EpochLine prints.
            List<TrainingListener> listeners = new ArrayList<>(List.of(TrainingListener.Defaults.basic()));
            listeners.add(new EpochLine(printer, start));
            plan.fit(model, built, train, test, listeners.toArray(TrainingListener[]::new));
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            saveBackbone(built, out);
        }
        printer.printf("backbone: %s (%.0f s); use it with cscore demo --backbone %s%n", out,
                (System.nanoTime() - start) / 1e9, out);
        printer.flush();
        return 0;
    }

    /**
     * Training takes minutes to hours: a backbone that could not be saved at the end would waste
     * them, so --out is checked first. It must not be a folder, and its nearest existing folder
     * must be writable (missing folders below it are created when saving).
     */
    private void checkOut() {
        Path file = out.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; give the backbone file to write, such as "
                    + out.resolve("backbone.cscore"));
        }
        Path folder = file.getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--out " + out + ": " + folder + " is not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("--out " + out + ": cannot write in " + folder);
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        // The one phase of the plan is a fine-tuning phase: its epochs are --epochs.
        return Map.of("finetuneEpochs", "--epochs", "validationPerClass", "--train-per-class");
    }

    /** One line per epoch: the test accuracy and the time so far. */
    private static final class EpochLine extends TrainingListenerAdapter {
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

    /**
     * Saves the trained backbone; a failure names the file, since a full disk's own message names
     * nothing (the previous backbone at that path, if any, is left whole).
     */
    private static void saveBackbone(Network built, Path out) {
        try {
            built.saveBackbone(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backbone " + out + ": " + FileError.reason(e)
                    + "; a backbone there before is left as it was", e);
        }
    }
}
