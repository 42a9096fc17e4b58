package io.github.cscore.training;

import ai.djl.training.dataset.Dataset;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanySubset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a monitored run's images come from. {@link MonitoredTrainingBuilder#build()} reads them
 * after seeding the engine and before building the monitors. The factories check their settings
 * when called, so that a bad value fails before anything is read or written.
 */
@FunctionalInterface
public interface TrainingDataSource {

    /**
     * Reads the data.
     *
     * @return the training and validation data
     * @throws IOException if a file cannot be read
     */
    TrainingData load() throws IOException;

    /**
     * A Kermany-layout folder ({@code train/NORMAL}, {@code train/PNEUMONIA}, ...): the {@code
     * train} folder without a seeded, stratified share carved out for validation, and that share.
     *
     * @param root the folder that holds {@code train}
     * @param imageSize the side images are resized to, in pixels
     * @param validationFraction the share of each class carved out for validation, in (0, 1)
     * @param seed the seed of the carve-out
     * @param batchSize the training and validation batch size, at least 1
     * @return the source
     * @throws IllegalArgumentException if a value is out of range
     */
    static TrainingDataSource kermany(Path root, int imageSize, float validationFraction, long seed, int batchSize) {
        if (!(validationFraction > 0)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), but was " + validationFraction);
        }
        KermanyDataset.Builder train = kermanySubset(root, KermanySubset.TRAIN, imageSize, validationFraction, seed)
                .setSampling(requireBatchSize(batchSize), true);
        KermanyDataset.Builder validation = kermanySubset(root, KermanySubset.VALIDATION, imageSize,
                validationFraction, seed).setSampling(batchSize, false);
        return () -> new TrainingData(train.build(), validation.build());
    }

    /**
     * Fashion-MNIST classes from Debian's {@code dataset-fashion-mnist}: the first images of each
     * class in the training file to train on, and in the test file to validate on.
     *
     * @param classes at least two distinct Fashion-MNIST class names, in label order
     * @param trainPerClass training images per class, at least 1
     * @param validationPerClass validation images per class, at least 1
     * @param imageSize the side images are resized to, in pixels
     * @param batchSize the training and validation batch size, at least 1
     * @return the source
     * @throws IllegalArgumentException if a class is unknown or a value is out of range
     */
    static TrainingDataSource fashionMnist(List<String> classes, int trainPerClass, int validationPerClass,
            int imageSize, int batchSize) {
        FashionMnistIdx.Builder train = fashionMnistFile(Dataset.Usage.TRAIN, classes, imageSize)
                .optLimitPerClass(requirePositive("trainPerClass", trainPerClass))
                .setSampling(requireBatchSize(batchSize), true);
        FashionMnistIdx.Builder validation = fashionMnistFile(Dataset.Usage.TEST, classes, imageSize)
                .optLimitPerClass(requirePositive("validationPerClass", validationPerClass))
                .setSampling(batchSize, false);
        return () -> new TrainingData(train.build(), validation.build());
    }

    private static KermanyDataset.Builder kermanySubset(Path root, KermanySubset subset, int imageSize,
            float validationFraction, long seed) {
        return KermanyDataset.builder()
                .setRoot(root)
                .optSubset(subset)
                .optImageSize(imageSize)
                .optValidationFraction(validationFraction)
                .optSeed(seed);
    }

    private static FashionMnistIdx.Builder fashionMnistFile(Dataset.Usage usage, List<String> classes, int imageSize) {
        Objects.requireNonNull(classes, "classes");
        return FashionMnistIdx.builder()
                .optUsage(usage)
                .optClasses(classes.toArray(String[]::new))
                .optImageSize(imageSize);
    }

    private static int requireBatchSize(int batchSize) {
        return requirePositive("batchSize", batchSize);
    }

    private static int requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
        return value;
    }
}
