package io.github.cscore.cli;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.export.CScoreExporterBuilder;
import io.github.cscore.model.Architecture;
import io.github.cscore.monitor.CScoreMonitorBuilder;
import io.github.cscore.result.Technique;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cscore demo}: trains a small member of a paper architecture on synthetic chest
 * radiographs with the monitor attached, and prints each checkpoint.
 */
@Command(
        name = "demo",
        header = "Trains on synthetic chest radiographs with the monitor attached.",
        mixinStandardHelpOptions = true,
        description = {
            "Generates synthetic chest radiographs (NORMAL / PNEUMONIA phantoms) unless they exist,",
            "trains a small ResNet50V2 (or another architecture) on them, a transfer phase with the",
            "backbone frozen then fine-tuning, with the C-Score monitor attached, and prints the",
            "accuracy, AUC, gold lists and C-Scores of every checkpoint, and each alert as it fires.",
            "It serves /metrics for Prometheus while training, writes the timeline to <out>/timeline.jsonl",
            "with the CAM maps of a few fixed images beside it, and ends with the HTML report <out>/report.html."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "demo");

    @Option(names = "--data", description = "Kermany-layout data folder to read (default: <out>/chest_xray, generated "
            + "there if it has no train folder).")
    Path data;

    @Option(names = "--fashion-mnist", split = ",", paramLabel = "CLASS,CLASS", description = "Train on two "
            + "Fashion-MNIST classes instead of phantoms (real photographs, from Debian's dataset-fashion-mnist), "
            + "for example Shirt,T-shirt/top.")
    List<String> fashionMnist;

    @Option(names = "--architecture", description = "resnet50v2, densenet201 or inceptionv3 (default: ${DEFAULT-VALUE}).")
    String architecture = "resnet50v2";

    @Option(names = "--input", description = "Input height and width (default: ${DEFAULT-VALUE}).")
    int input = 64;

    @Option(names = "--width", description = "Width multiplier (default: ${DEFAULT-VALUE}).")
    float width = 0.25f;

    @Option(names = "--transfer-epochs", description = "Epochs with the backbone frozen (default: ${DEFAULT-VALUE}).")
    int transferEpochs = 1;

    @Option(names = "--finetune-epochs", description = "Epochs with the backbone trainable (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs = 5;

    @Option(names = "--train-per-class", description = "Phantoms per class to train on (default: ${DEFAULT-VALUE}).")
    int trainPerClass = 400;

    @Option(names = "--shortcut-rate", description = "Share of images whose corner marker agrees with the label: 0 "
            + "(no marker) or 0.5 to 1 (default: ${DEFAULT-VALUE}).")
    double shortcutRate;

    @Option(names = "--techniques", split = ",", description = "Techniques to run, by label, or 'all' (default: the "
            + "monitor's: gradcam, gradcampp, layercam, eigencam, msgradcampp; Score-CAM is the costly one).")
    List<String> techniques;

    @Option(names = "--sample-per-class", description = "Validation images per class scored at each checkpoint "
            + "(default: ${DEFAULT-VALUE}).")
    int samplePerClass = 16;

    @Option(names = "--gold-threshold", description = "Confidence needed to enter a gold list (default: ${DEFAULT-VALUE}).")
    float goldThreshold = 0.9f;

    @Option(names = "--scorecam-top-k", description = "Channels Score-CAM masks, chosen by gradient "
            + "contribution; 0 for all, the exact method (default: ${DEFAULT-VALUE}).")
    int scoreCamTopK;

    @Option(names = "--batch-size", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate = 0.001f;

    @Option(names = "--metrics-port", description = "Port of the /metrics endpoint served on 127.0.0.1 while "
            + "training, for Prometheus; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort = CScoreExporterBuilder.DEFAULT_PORT;

    @Option(names = "--save-checkpoints", description = "Save every epoch's parameters in <out>/checkpoints, "
            + "with what rebuilds the network, for cscore evaluate.")
    boolean saveCheckpoints;

    @Option(names = "--seed", description = "Seed of the data, the weights and the sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--backbone", paramLabel = "FILE", description = "Start the transfer phase from this backbone "
            + "(written by cscore pretrain with the same --architecture, --input and --width) instead of random "
            + "weights.")
    Path backbone;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DemoRun.Options options = new DemoRun.Options(out, data == null ? out.resolve("chest_xray") : data,
                data != null, fashionMnist == null ? List.of() : fashionMnist.stream().map(String::trim).toList(),
                Architecture.fromLabel(architecture), input, width, transferEpochs, finetuneEpochs,
                trainPerClass, shortcutRate, chosenTechniques(), samplePerClass, goldThreshold,
                new ScoreCamConfig(ScoreCamConfig.DEFAULT_BATCH_SIZE, scoreCamTopK), batchSize, learningRate, metricsPort, saveCheckpoints, seed,
                backbone);
        options.check();
        return new DemoRun(options, spec.commandLine().getOut()).run();
    }

    private List<Technique> chosenTechniques() {
        if (techniques == null || techniques.isEmpty()) {
            return CScoreMonitorBuilder.DEFAULT_TECHNIQUES;
        }
        if (techniques.size() == 1 && techniques.get(0).trim().equalsIgnoreCase("all")) {
            return Technique.builtIns();
        }
        return techniques.stream().map(String::trim).map(Technique::fromLabel).toList();
    }
}
