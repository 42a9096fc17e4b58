package io.github.cscore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a folder holds, for fault tests that assert "the previous output is intact": every file
 * and folder under a root by relative path, a file with the SHA-256 of its bytes, a folder with
 * "/". Two trees are equal when nothing was added, removed or changed. Hidden names can be left
 * out, for the filler of a {@link SmallDisk}.
 */
public final class FileTree {

    private FileTree() {}

    /**
     * Lists a tree.
     *
     * @param root the folder, or a single file
     * @return relative path to content digest, sorted; empty if the root is absent
     * @throws IOException if something cannot be read
     */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.relativize(path).toString();
                if (name.equals(".filler")) {
                    continue;
                }
                tree.put(name, Files.isDirectory(path) ? "/" : sha256(Files.readAllBytes(path)));
            }
        }
        return tree;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
