package io.github.cscore.data.phantom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;

import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretraining task related to, but not the same as, NORMAL against PNEUMONIA: radiograph phantoms
 * of another seed whose findings are small nodular opacities, labelled by where they are (none, left
 * lung only, right lung only, both). A backbone trained on it has features for lung opacities, as a
 * backbone pretrained on another chest X-ray collection would, so that a head on its frozen features
 * ranks the pneumonia phantoms well from the first transfer epoch.
 */
public final class PhantomFindings {

    /** The four classes, in label order. */
    public static final List<String> CLASS_NAMES = List.of("none", "left", "right", "both");
    /** The smallest and largest nodule radius, as a share of the image side. */
    static final double MIN_RADIUS = 0.02;
    static final double MAX_RADIUS = 0.05;
    /** Offsets the phantom seed, so that no pretraining image is an image of a study run. */
    static final long SEED_OFFSET = 1000;

    private PhantomFindings() {}

    /**
     * Writes the phantoms under a folder unless they are there, and reads them as a four-class
     * training set.
     *
     * @param root the folder of the phantoms
     * @param seed the pretraining seed
     * @param perClass phantoms per class folder (NORMAL and PNEUMONIA), at least 1
     * @param imageSize the side the network receives
     * @param batchSize the training batch size
     * @param manager the manager the images are held in
     * @return the images with their four-class labels, in shuffled batches
     * @throws IOException if the phantoms cannot be written or read
     */
    public static ArrayDataset trainingSet(Path root, long seed, int perClass, int imageSize, int batchSize,
            NDManager manager) throws IOException {
        ChestPhantoms phantoms = ChestPhantoms.builder()
                .optSeed(SEED_OFFSET + seed)
                .optImageSize(Math.max(imageSize, 64))
                .optImagesPerClass(KermanyFolder.TRAIN, perClass)
                .optImagesPerClass(KermanyFolder.TEST, 1)
                .optOpacityRadius(MIN_RADIUS, MAX_RADIUS)
                .build();
        if (!Files.isDirectory(root.resolve(KermanyFolder.TRAIN.folderName()))) {
            phantoms.writeTo(root);
        } else if (!phantoms.differencesFrom(root).isEmpty()) {
            throw new IllegalArgumentException(root + " holds other phantoms: "
                    + String.join(", ", phantoms.differencesFrom(root)));
        }
        Map<String, Integer> labels = new HashMap<>();
        for (PhantomAnnotation annotation : PhantomManifest.read(root.resolve(ChestPhantoms.MANIFEST_FILE_NAME))) {
            labels.put(root.resolve(annotation.file()).toAbsolutePath().normalize().toString(), label(annotation));
        }
        KermanyDataset images = KermanyDataset.builder().setRoot(root).optSubset(KermanySubset.TRAIN)
                .optImageSize(imageSize).optValidationFraction(0).setSampling(batchSize, false).build();
        NDArray[] data = new NDArray[(int) images.size()];
        float[] classes = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = images.get(manager, i).getData().head();
            classes[i] = labels.get(images.files().get(i).toAbsolutePath().normalize().toString());
        }
        return new ArrayDataset.Builder()
                .setData(NDArrays.stack(new NDList(data)))
                .optLabels(manager.create(classes))
                .setSampling(batchSize, true)
                .build();
    }

    /** 0 none, 1 left lung only, 2 right lung only, 3 both. */
    static int label(PhantomAnnotation annotation) {
        boolean left = annotation.opacities().stream().anyMatch(o -> o.lung() == Opacity.Lung.LEFT);
        boolean right = annotation.opacities().stream().anyMatch(o -> o.lung() == Opacity.Lung.RIGHT);
        return left && right ? 3 : left ? 1 : right ? 2 : 0;
    }
}
