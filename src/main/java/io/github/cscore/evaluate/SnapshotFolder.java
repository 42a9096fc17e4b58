package io.github.cscore.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parameter files of a snapshot folder: {@code <prefix>-NNNN.params} as DJL's {@code
 * Model.save} names them, NNNN the epoch. Other files (the manifest, the done marker, files of
 * other prefixes, sub-folders) are ignored.
 */
final class SnapshotFolder {

    /** The file the saver writes when training has ended: a follower stops once it has scored all. */
    static final String DONE = "done";

    private final Path directory;
    private final Pattern name;

    SnapshotFolder(Path directory, String prefix) {
        this.directory = directory;
        this.name = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4,9})\\.params");
    }

    /** One saved parameter file. */
    record Snapshot(int epoch, Path file) {}

    /** The snapshots now in the folder, in epoch order. */
    List<Snapshot> list() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(this::snapshot)
                    .filter(c -> c != null)
                    .sorted(Comparator.comparingInt(Snapshot::epoch))
                    .toList();
        }
    }

    private Snapshot snapshot(Path file) {
        Matcher matcher = name.matcher(file.getFileName().toString());
        return matcher.matches() ? new Snapshot(Integer.parseInt(matcher.group(1)), file) : null;
    }

    /** Tells whether training has ended: the saver wrote its done marker. */
    boolean isDone() {
        return Files.exists(directory.resolve(DONE));
    }
}
