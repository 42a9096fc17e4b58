package io.github.cscore.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Decodes and resizes the files of one split, in parallel, keeping item order: class by class,
 * then by file name.
 */
final class KermanyLoading {

    private static final Logger LOGGER = LoggerFactory.getLogger(KermanyDataset.class);
    private static final int NAMED_SKIPPED_FILES = 3;

    private KermanyLoading() {}

    /** One file's outcome: its resized pixels, or why it could not be read. */
    private record Outcome(byte[] pixels, String failure) {}

    /** The readable items, in order, and the files left out with their reasons. */
    private static final class Sorted {
        final List<Path> files = new ArrayList<>();
        final List<byte[]> pixels = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<Path> skipped = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
    }

    static KermanyDataset load(KermanyDataset.Builder builder, List<List<Path>> classFiles) {
        List<Path> all = new ArrayList<>();
        List<Integer> allLabels = new ArrayList<>();
        for (int c = 0; c < classFiles.size(); c++) {
            all.addAll(classFiles.get(c));
            allLabels.addAll(Collections.nCopies(classFiles.get(c).size(), c));
        }
        int size = builder.imageSize();
        Outcome[] outcomes = new Outcome[all.size()];
        // Each index writes only its own slot, so the parallel decode is deterministic.
        IntStream.range(0, all.size()).parallel()
                .forEach(i -> outcomes[i] = decode(all.get(i), size));
        Sorted sorted = sort(all, allLabels, outcomes);
        requireEveryClassRead(sorted.labels, classFiles);
        if (!sorted.skipped.isEmpty()) {
            Path folder = classFiles.get(0).get(0).getParent().getParent();
            LOGGER.warn(skippedFilesMessage(sorted.skipped, sorted.reasons, all.size(), folder));
        }
        PixelStore store = new PixelStore(sorted.pixels.toArray(new byte[0][]),
                sorted.labels.stream().mapToInt(Integer::intValue).toArray(),
                size, size, size, builder.normalization());
        return builder.create(sorted.files, sorted.skipped, store);
    }

    private static Sorted sort(List<Path> all, List<Integer> labels, Outcome[] outcomes) {
        Sorted sorted = new Sorted();
        for (int i = 0; i < all.size(); i++) {
            if (outcomes[i].failure() != null) {
                sorted.skipped.add(all.get(i));
                sorted.reasons.add(outcomes[i].failure());
            } else {
                sorted.files.add(all.get(i));
                sorted.pixels.add(outcomes[i].pixels());
                sorted.labels.add(labels.get(i));
            }
        }
        return sorted;
    }

    private static Outcome decode(Path file, int size) {
        try {
            return new Outcome(DecodedImage.read(file).resizedTo(size).planes(), null);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, reason);
        }
    }

    private static void requireEveryClassRead(List<Integer> labels, List<List<Path>> classFiles) {
        for (int c = 0; c < classFiles.size(); c++) {
            if (!labels.contains(c)) {
                Path folder = classFiles.get(c).get(0).getParent();
                throw new IllegalArgumentException("class folder has no readable image: " + folder);
            }
        }
    }

    /** The warning logged once when files were skipped: how many, and the first few. */
    static String skippedFilesMessage(List<Path> skipped, List<String> reasons, int total,
            Path folder) {
        StringBuilder message = new StringBuilder()
                .append("Skipped ").append(skipped.size()).append(" unreadable image file")
                .append(skipped.size() == 1 ? "" : "s").append(" of ").append(total)
                .append(" under ").append(folder).append(": ");
        int named = Math.min(NAMED_SKIPPED_FILES, skipped.size());
        for (int i = 0; i < named; i++) {
            message.append(i == 0 ? "" : ", ").append(folder.relativize(skipped.get(i)))
                    .append(" (").append(reasons.get(i)).append(')');
        }
        if (skipped.size() > named) {
            message.append(", and ").append(skipped.size() - named).append(" more");
        }
        return message.toString();
    }
}
