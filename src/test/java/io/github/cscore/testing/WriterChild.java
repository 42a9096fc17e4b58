package io.github.cscore.testing;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.evaluate.SnapshotManifest;
import io.github.cscore.evaluate.SnapshotSaver;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.report.HtmlReport;
import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.storage.Sha256;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process that writes one kind of output over and over until it is killed, for the
 * kill -9 fault tests ({@link KilledWriter}). It prints {@code ready} once a first output is
 * complete, so that the kill lands in the middle of later writes, at a random point.
 *
 * <p>Usage: {@code WriterChild MODE TARGET}, MODE one of timeline, maps, report, backbone,
 * snapshots, phantoms.
 */
public final class WriterChild {

    /** The tiny network the backbone and snapshot modes save. */
    public static final NetworkConfig TINY = NetworkConfig.builder().optInputSize(32).optNumClasses(2)
            .optWidthMultiplier(0.125f).optMaxBlocksPerStage(1).optStemDownsampling(false).build();
    /** The class names of every mode's records. */
    public static final List<String> CLASSES = List.of("NORMAL", "PNEUMONIA");

    private WriterChild() {}

    /**
     * Writes until killed.
     *
     * @param args the mode and the target path
     * @throws Exception if a write fails: the parent then sees the child end on its own
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[1]);
        switch (args[0]) {
            case "timeline" -> timelines(target);
            case "maps" -> maps(target);
            case "report" -> reports(target);
            case "backbone" -> backbones(target);
            case "snapshots" -> snapshots(target);
            case "phantoms" -> phantoms(target);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void ready(int round) {
        if (round == 0) {
            System.out.println("ready");
            System.out.flush();
        }
    }

    /** Each round a new run: "run-N" with checkpoints of epochs 1 to 3. */
    public static io.github.cscore.result.CheckpointResult checkpoint(String run, int epoch) {
        return Results.classes(CLASSES, new int[] {6, 5}, new double[] {0.9, 0.8})
                .scored(Technique.GRAD_CAM, new double[] {0.5, 0.25 * epoch % 1}, new int[] {0, 1})
                .epoch(epoch).build(run);
    }

    private static void timelines(Path file) throws Exception {
        for (int round = 0; ; round++) {
            try (TimelineWriter writer = TimelineWriter.create(file)) {
                for (int epoch = 1; epoch <= 3; epoch++) {
                    writer.accept(checkpoint("run-" + round, epoch));
                }
            }
            ready(round);
        }
    }

    /** Each round a new run of maps, "run-N", epochs 1 and 2. */
    private static void maps(Path folder) {
        for (int round = 0; ; round++) {
            ExampleMapsWriter writer = ExampleMapsWriter.create(folder);
            List<ExampleImage> images = List.of(new ExampleImage("c0-00001", 1, 0, "NORMAL", 16, 16, ramp(round)),
                    new ExampleImage("c1-00002", 2, 1, "PNEUMONIA", 16, 16, ramp(round + 1)));
            for (int epoch = 1; epoch <= 2; epoch++) {
                writer.accept(new ExampleMaps("run-" + round, "resnet50v2", epoch, Phase.FINETUNE, images,
                        Map.of(Technique.GRAD_CAM, List.of(ramp(epoch), ramp(epoch + round)))));
            }
            ready(round);
        }
    }

    static float[] ramp(int shift) {
        float[] values = new float[16 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((i + shift) % 256) / 255f;
        }
        return values;
    }

    /** Alternately the reports of two timelines the parent wrote beside the folder: a.jsonl, b.jsonl. */
    private static void reports(Path folder) {
        for (int round = 0; ; round++) {
            HtmlReport.write(folder.resolveSibling(round % 2 == 0 ? "a.jsonl" : "b.jsonl"), folder);
            ready(round);
        }
    }

    /** Alternately two backbones; prints their digests first. */
    private static void backbones(Path file) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network[] networks = new Network[2];
            for (int i = 0; i < 2; i++) {
                Engine.getInstance().setRandomSeed(i + 1);
                networks[i] = Architecture.RESNET50_V2.build(TINY);
                networks[i].initialize(manager);
                Path probe = Files.createTempFile(file.getParent(), "probe", ".params");
                networks[i].saveBackbone(probe);
                System.out.println("digest " + Sha256.of(probe));
                Files.delete(probe);
            }
            for (int round = 0; ; round++) {
                networks[round % 2].saveBackbone(file);
                ready(round);
            }
        }
    }

    /** One saver, an epoch saved after another, as long training would. */
    private static void snapshots(Path folder) {
        Network network = Architecture.RESNET50_V2.build(TINY);
        try (Model model = Model.newInstance("tiny")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            SnapshotManifest manifest = new SnapshotManifest(Architecture.RESNET50_V2, TINY, CLASSES, "tiny", "run",
                    "tiny", ScoringSettings.ofDefaults(), Map.of());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()));
                    SnapshotSaver saver = SnapshotSaver.create(folder, manifest)) {
                for (int round = 0; ; round++) {
                    saver.onEpoch(trainer);
                    if (saver.failures() > 0) {
                        throw new IllegalStateException("a save failed");
                    }
                    ready(round);
                }
            }
        }
    }

    /** Generates, damages one image, prepares again (a regeneration), and so on. */
    private static void phantoms(Path root) throws Exception {
        ChestPhantoms phantoms = smallPhantoms();
        for (int round = 0; ; round++) {
            phantoms.prepare(root, line -> { });
            ready(round);
            Files.writeString(root.resolve(DAMAGED), "damaged");
        }
    }

    /** The image the phantoms mode damages between two rounds. */
    public static final String DAMAGED = "train/NORMAL/phantom-00000.png";

    /**
     * The phantoms the phantoms mode writes.
     *
     * @return a tiny generator
     */
    public static ChestPhantoms smallPhantoms() {
        return ChestPhantoms.builder().optSeed(3).optImageSize(32)
                .optImagesPerClass(KermanyFolder.TRAIN, 20)
                .optImagesPerClass(KermanyFolder.VAL, 2)
                .optImagesPerClass(KermanyFolder.TEST, 4)
                .build();
    }
}
