package io.github.cscore.evaluate;

import io.github.cscore.storage.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, in follow mode, when a snapshot file is whole and may be scored. A file whose SHA-256
 * the manifest lists is whole when its content matches the digest, however long a copy pauses.
 * A file the manifest does not list (saved in place by DJL's own listener, or copied in by hand)
 * is whole when its size and modification time held still between two looks; if it still turns
 * out cut off when loaded, the follower forgets it and waits for two more still looks.
 */
final class WholeSnapshots {

    /** One look at a file; the digest's verdict is kept while the file does not change. */
    private record Look(long size, FileTime modified, String listed, Boolean matches) {}

    private final Map<Path, Look> looks = new HashMap<>();

    /**
     * Looks at a snapshot once more.
     *
     * @return true if it may be scored now
     * @throws IOException if the file cannot be read
     */
    boolean isWhole(SnapshotManifest manifest, SnapshotFolder.Snapshot snapshot) throws IOException {
        Path file = snapshot.file();
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        Look before = looks.get(file);
        boolean unchanged = before != null && before.size() == size && before.modified().equals(modified);
        Optional<String> listed = manifest.sha256(snapshot.epoch());
        if (listed.isEmpty()) {
            looks.put(file, new Look(size, modified, null, null));
            return unchanged;
        }
        boolean matches = unchanged && listed.get().equals(before.listed()) && before.matches() != null
                ? before.matches()
                : listed.get().equals(Sha256.of(file));
        looks.put(file, new Look(size, modified, listed.get(), matches));
        return matches;
    }

    /**
     * Forgets what was seen of a file, after it was found cut off: it needs two more still looks.
     *
     * @param file the file
     */
    void forget(Path file) {
        looks.remove(Objects.requireNonNull(file, "file"));
    }
}
