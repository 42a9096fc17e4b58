package io.github.cscore.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Decodes and resizes the files of one split, in parallel, keeping item order: class by class,
 * then by file name.
 */
final class KermanyLoading {

    private KermanyLoading() {}

    /** One file's outcome: its resized pixels, or why it could not be read. */
    private record Outcome(byte[] pixels, String failure) {}

    static KermanyDataset load(KermanyDataset.Builder builder, List<List<Path>> classFiles) {
        List<Path> all = new ArrayList<>();
        List<Integer> allLabels = new ArrayList<>();
        for (int c = 0; c < classFiles.size(); c++) {
            all.addAll(classFiles.get(c));
            for (int i = 0; i < classFiles.get(c).size(); i++) {
                allLabels.add(c);
            }
        }
        int size = builder.imageSize();
        Outcome[] outcomes = new Outcome[all.size()];
        // Each index writes only its own slot, so the parallel decode is deterministic.
        IntStream.range(0, all.size()).parallel()
                .forEach(i -> outcomes[i] = decode(all.get(i), size));

        List<Path> files = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int[] readPerClass = new int[classFiles.size()];
        for (int i = 0; i < all.size(); i++) {
            if (outcomes[i].failure() != null) {
                skipped.add(all.get(i));
                reasons.add(outcomes[i].failure());
            } else {
                files.add(all.get(i));
                pixels.add(outcomes[i].pixels());
                labels.add(allLabels.get(i));
                readPerClass[allLabels.get(i)]++;
            }
        }
        Path folder = classFiles.get(0).get(0).getParent().getParent();
        requireEveryClassRead(readPerClass, classFiles);
        KermanyDataset.warnSkipped(skipped, reasons, all.size(), folder);
        PixelStore store = new PixelStore(pixels.toArray(new byte[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                size, size, size, builder.normalization());
        return builder.create(files, skipped, store);
    }

    private static Outcome decode(Path file, int size) {
        try {
            return new Outcome(DecodedImage.read(file).resizedTo(size).planes(), null);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, reason);
        }
    }

    private static void requireEveryClassRead(int[] readPerClass, List<List<Path>> classFiles) {
        for (int c = 0; c < readPerClass.length; c++) {
            if (readPerClass[c] == 0) {
                Path folder = classFiles.get(c).get(0).getParent();
                throw new IllegalArgumentException("class folder has no readable image: " + folder);
            }
        }
    }
}
