package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyFolder;
import io.github.cscore.storage.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content fingerprint of a phantom tree: {@value ChestPhantoms#DIGESTS_FILE_NAME} lists the
 * SHA-256 of every image and of the manifest, in {@code sha256sum}'s format (so {@code sha256sum -c
 * phantoms.sha256} checks a tree from the shell), and the settings file records the listing's own
 * digest. A tree is what was generated when the listing is unchanged, every listed file matches,
 * and no other file sits among the images.
 */
final class PhantomDigests {

    private PhantomDigests() {}

    /**
     * Lists the digests of a finished tree.
     *
     * @return the SHA-256 of the listing written
     */
    static String write(Path root) throws IOException {
        StringBuilder listing = new StringBuilder();
        for (Map.Entry<String, Path> file : files(root).entrySet()) {
            listing.append(Sha256.of(file.getValue())).append("  ").append(file.getKey()).append('\n');
        }
        Path path = root.resolve(ChestPhantoms.DIGESTS_FILE_NAME);
        Files.writeString(path, listing, StandardCharsets.UTF_8);
        return Sha256.of(path);
    }

    /**
     * Says how a tree differs from what was generated.
     *
     * @param listingDigest the listing's digest the settings file records, or null if it records none
     * @return one line per difference, such as {@code train/NORMAL/phantom-00003.png is missing};
     *     empty if the tree is as generated
     */
    static List<String> changes(Path root, String listingDigest) throws IOException {
        Path listingFile = root.resolve(ChestPhantoms.DIGESTS_FILE_NAME);
        if (!Files.isRegularFile(listingFile)) {
            return List.of(ChestPhantoms.DIGESTS_FILE_NAME + " is missing (a tree written before phantoms had content "
                    + "digests, or a file deleted)");
        }
        if (listingDigest == null) {
            return List.of(ChestPhantoms.SETTINGS_FILE_NAME + " records no content digest");
        }
        if (!listingDigest.equals(Sha256.of(listingFile))) {
            return List.of(ChestPhantoms.DIGESTS_FILE_NAME + " differs from what was generated");
        }
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(listingFile, StandardCharsets.UTF_8)) {
            listed.put(line.substring(Sha256.BYTES * 2 + 2), line.substring(0, Sha256.BYTES * 2));
        }
        List<String> changes = new ArrayList<>();
        Map<String, Path> present = files(root);
        for (Map.Entry<String, String> entry : listed.entrySet()) {
            Path file = present.get(entry.getKey());
            if (file == null) {
                changes.add(entry.getKey() + " is missing");
            } else if (!entry.getValue().equals(Sha256.of(file))) {
                changes.add(entry.getKey() + " differs from what was generated");
            }
        }
        present.keySet().stream().filter(name -> !listed.containsKey(name))
                .forEach(name -> changes.add(name + " was not generated"));
        return changes;
    }

    /** Every file under the split folders, and the manifest, by path relative to the root with '/'. */
    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Path manifest = root.resolve(ChestPhantoms.MANIFEST_FILE_NAME);
        if (Files.isRegularFile(manifest)) {
            files.put(ChestPhantoms.MANIFEST_FILE_NAME, manifest);
        }
        for (KermanyFolder folder : KermanyFolder.values()) {
            Path split = root.resolve(folder.folderName());
            if (!Files.isDirectory(split)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(split)) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(path).toString().replace('\\', '/'), path);
                }
            }
        }
        return files;
    }
}
