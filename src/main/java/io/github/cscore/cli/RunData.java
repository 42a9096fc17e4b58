package io.github.cscore.cli;

import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.training.TrainingDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The data of the demo's and the study's runs, the same rules for both: phantoms generated once
 * per settings into a Kermany-layout folder with a fifth of each class held out for validation,
 * or two Fashion-MNIST classes validated on a quarter as many test images.
 */
final class RunData {

    /** The share of each class of a Kermany-layout train folder held out for validation. */
    static final float VALIDATION_FRACTION = 0.2f;

    private RunData() {}

    /**
     * The phantoms of a run: drawn at the input size but at least 64 pixels, with a quarter as
     * many test images as training ones.
     */
    static ChestPhantoms phantoms(long seed, int input, int trainPerClass, double shortcutRate) {
        // One image per class leaves nothing to hold out for validation.
        if (trainPerClass < 2) {
            throw new IllegalArgumentException("--train-per-class must be at least 2, but was " + trainPerClass);
        }
        int side = Math.max(input, 64);
        int most = mostPhantomsPerClass(side, Runtime.getRuntime().maxMemory());
        if (trainPerClass > most) {
            throw new IllegalArgumentException("--train-per-class must be at most " + most + " at --input " + input
                    + " with this Java heap (a quarter of it holds the training images; -Xmx raises it), but was "
                    + trainPerClass);
        }
        return ChestPhantoms.builder()
                .optSeed(seed)
                .optImageSize(side)
                .optImagesPerClass(KermanyFolder.TRAIN, trainPerClass)
                .optImagesPerClass(KermanyFolder.TEST, Math.max(trainPerClass / 4, 2))
                .optShortcutRate(shortcutRate)
                .build();
    }

    /**
     * The most phantoms per class whose pixels, one byte each, fit in a quarter of the heap: the
     * training data is decoded and held in memory whole, two classes of {@code side x side}
     * images, and training, the monitor and the engine need the rest.
     */
    static int mostPhantomsPerClass(int side, long heapBytes) {
        long oneOfEachClass = 2L * side * side;
        return (int) Math.min(Integer.MAX_VALUE, heapBytes / 4 / oneOfEachClass);
    }

    /**
     * Refuses a folder of phantoms made with other settings, in the command line's words (they
     * may be another run's data and are never overwritten); {@code ChestPhantoms.prepare} then
     * reuses, fills or regenerates it.
     *
     * @throws IllegalArgumentException if the folder holds phantoms of other settings
     */
    static void requireSameSettings(Path root, ChestPhantoms phantoms) throws IOException {
        if (!Files.isDirectory(root.resolve(KermanyFolder.TRAIN.folderName()))) {
            return;
        }
        List<String> differences = phantoms.differencesFrom(root);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(root + " holds phantoms made with other settings: "
                    + String.join(", ", differences) + "; delete it or choose another --out");
        }
    }

    /** A Kermany-layout folder with a fifth of its train folder held out for validation. */
    static TrainingDataSource kermany(Path root, int input, long seed, int batchSize) {
        return TrainingDataSource.kermany(root, input, VALIDATION_FRACTION, seed, batchSize);
    }

    /** Two Fashion-MNIST classes, validated on a quarter as many test images, at least the monitor's sample. */
    static TrainingDataSource fashionMnist(List<String> classes, int trainPerClass, int samplePerClass, int input,
            int batchSize) {
        return TrainingDataSource.fashionMnist(classes, trainPerClass, Math.max(trainPerClass / 4, samplePerClass),
                input, batchSize);
    }
}
