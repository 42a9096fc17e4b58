package io.github.cscore.examples.fashion;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.Training;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.timeline.TimelineWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Explanation consistency on real photographs: two Fashion-MNIST classes (Debian's {@code
 * dataset-fashion-mnist}, read with {@link FashionMnistIdx}), a small ResNet50V2 trained from
 * scratch with the monitor attached.
 *
 * <p>Arguments: {@code [out folder] [epochs] [images per class] [class,class]}, default {@code
 * runs/fashion-mnist 5 400 Shirt,T-shirt/top}.
 */
public final class FashionMnist {

    private static final int INPUT = 32;

    private FashionMnist() {}

    /**
     * Trains with the monitor attached and writes {@code <out>/timeline.jsonl}.
     *
     * @param args see the class description; all optional
     * @throws Exception if the data cannot be read or training fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/fashion-mnist");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int perClass = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        String[] classes = (args.length > 3 ? args[3] : "Shirt,T-shirt/top").split(",");

        FashionMnistIdx train = images(Dataset.Usage.TRAIN, classes, perClass, true);
        FashionMnistIdx validation = images(Dataset.Usage.TEST, classes, Math.max(perClass / 4, 16), false);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.builder().optInputSize(INPUT)
                .optNumClasses(2).optWidthMultiplier(0.25f).optMaxBlocksPerStage(2).optStemDownsampling(false).build());

        try (CScoreMonitor monitor = CScoreMonitor.builder()
                        .setValidationData(validation)
                        .setNetwork(network)
                        .optRunName("fashion-mnist")
                        .optSink(TimelineWriter.create(out.resolve("timeline.jsonl")))
                        .optSink(FashionMnist::print)
                        .build();
                Model model = Model.newInstance(network.name())) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .addTrainingListeners(monitor);
            try (Trainer trainer = model.newTrainer(config)) {
                Training.fit(trainer, epochs, train, null);
            }
        }
        System.out.println("timeline: " + out.resolve("timeline.jsonl"));
    }

    /** Per class: the macro C-Score of each technique tells whether the classes are explained alike. */
    private static void print(CheckpointResult result) {
        StringBuilder line = new StringBuilder(String.format("epoch %d: AUC %.3f", result.epoch(), result.macroAuc()));
        for (Technique technique : result.techniques().keySet()) {
            line.append(String.format(", %s %.3f", technique.label(), result.technique(technique).global().macro()));
        }
        System.out.println(line);
    }

    private static FashionMnistIdx images(Dataset.Usage usage, String[] classes, int perClass, boolean shuffle)
            throws IOException {
        return FashionMnistIdx.builder()
                .optUsage(usage)
                .optClasses(classes)
                .optLimitPerClass(perClass)
                .optImageSize(INPUT)
                .setSampling(16, shuffle)
                .build();
    }
}
