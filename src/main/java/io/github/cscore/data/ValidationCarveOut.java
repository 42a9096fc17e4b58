package io.github.cscore.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits the training files of each class into a training part and a validation part: the same
 * fraction of every class (stratified), chosen by a seeded shuffle of the sorted file names, so
 * that the same seed always carves the same files whatever order the file system lists them in.
 *
 * <p>The split is made on file names, before decoding, so the training and validation datasets
 * can be built separately and are always disjoint and complementary.
 */
final class ValidationCarveOut {

    private ValidationCarveOut() {}

    /**
     * Returns how many of {@code classSize} files go to validation: {@code round(fraction * n)},
     * at least one and at most {@code n - 1} when the fraction is positive.
     */
    static int validationCount(int classSize, double fraction, Path classFolder) {
        if (fraction == 0) {
            return 0;
        }
        if (classSize < 2) {
            throw new IllegalArgumentException("cannot carve a validation split from a class folder"
                    + " with fewer than 2 images: " + classFolder);
        }
        long count = Math.round(fraction * classSize);
        return (int) Math.max(1, Math.min(classSize - 1, count));
    }

    /**
     * Returns the validation part ({@code validation == true}) or the training part of each
     * class's files; each part stays sorted by file name.
     */
    static List<List<Path>> part(List<List<Path>> classFiles, double fraction, long seed,
            boolean validation) {
        List<List<Path>> result = new ArrayList<>();
        for (int c = 0; c < classFiles.size(); c++) {
            List<Path> files = classFiles.get(c);
            Path folder = files.get(0).getParent();
            int count = validationCount(files.size(), fraction, folder);
            List<Path> shuffled = new ArrayList<>(files);
            // One generator per class: adding files to one class leaves the other's split alone.
            Collections.shuffle(shuffled, new Random(seed * 1_000_003L + c));
            List<Path> chosen = new ArrayList<>(validation
                    ? shuffled.subList(0, count)
                    : shuffled.subList(count, shuffled.size()));
            Collections.sort(chosen);
            result.add(chosen);
        }
        return result;
    }
}
