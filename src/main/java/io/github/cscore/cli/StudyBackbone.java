package io.github.cscore.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.translate.TranslateException;

import io.github.cscore.data.phantom.PhantomFindings;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.training.LearningRateSchedule;
import io.github.cscore.training.TrainingPhase;
import io.github.cscore.training.TrainingPlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The study's pretrained backbone: the scaled ResNet50V2 trained on the related task of {@link
 * PhantomFindings} (small nodules, by side), as many phantoms per class as the study's train
 * folder, made once per pretraining seed and scale and kept in the study folder.
 */
final class StudyBackbone {

    static final int EPOCHS = 3;
    static final float RATE = 0.001f;

    private StudyBackbone() {}

    /** Where the backbone of the protocol's pretraining seed and scale is kept in a study folder. */
    static Path file(Path studyFolder, StudyProtocol protocol) {
        return studyFolder.resolve("backbones").resolve(String.format(Locale.ROOT, "findings-%dpx-%d-s%d.backbone",
                protocol.input(), protocol.trainPerClass(), protocol.pretrainSeed()));
    }

    /** The backbone of a pretraining seed: read from the study folder, or trained and saved there first. */
    static Path ensure(Path studyFolder, StudyProtocol protocol, PrintWriter out) throws IOException, TranslateException {
        long seed = protocol.pretrainSeed();
        Path file = file(studyFolder, protocol);
        if (Files.isRegularFile(file)) {
            return file;
        }
        out.printf("pretraining the backbone (seed %d) on phantoms of small findings, by side ...%n", seed);
        out.flush();
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) seed);
        Network network = Architecture.RESNET50_V2.build(
                NetworkConfig.demo(protocol.input(), protocol.width(), PhantomFindings.CLASS_NAMES.size()));
        try (Model model = Model.newInstance(network.name()); NDManager images = NDManager.newBaseManager()) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            ArrayDataset train = PhantomFindings.trainingSet(studyFolder.resolve("data")
                    .resolve("findings-" + protocol.trainPerClass() + "-s" + seed), seed, protocol.trainPerClass(),
                    protocol.input(), protocol.batchSize(), images);
            TrainingPlan.builder()
                    .addPhase(TrainingPhase.finetune(EPOCHS, LearningRateSchedule.constant(RATE)))
                    .build()
                    .fit(model, network, train, null);
            Files.createDirectories(file.getParent());
            network.saveBackbone(file);
        }
        out.printf("backbone %s (%.0f s)%n", file, (System.nanoTime() - start) / 1e9);
        out.flush();
        return file;
    }
}
