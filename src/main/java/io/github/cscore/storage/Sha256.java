package io.github.cscore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints of files, to tell a file that is whole and unchanged from one that was cut
 * off, damaged or edited after it was written. Written as 64 lower-case hex digits, as {@code
 * sha256sum} prints them, so a user can check a file from the shell.
 */
public final class Sha256 {

    /** The length of a digest in bytes. */
    public static final int BYTES = 32;

    private Sha256() {}

    /**
     * Returns a new SHA-256 digest.
     *
     * @return the digest, ready to be updated
     */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Returns the digest of a whole file as hex.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws IOException if the file cannot be read
     */
    public static String of(Path file) throws IOException {
        return HexFormat.of().formatHex(of(file, Long.MAX_VALUE));
    }

    /**
     * Returns the digest of the first bytes of a file.
     *
     * @param file the file
     * @param length how many bytes from the start; all of a shorter file
     * @return the 32-byte digest
     * @throws IOException if the file cannot be read
     */
    public static byte[] of(Path file, long length) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        long left = length;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
        }
        return digest.digest();
    }

    /**
     * Returns the hex form of bytes.
     *
     * @param bytes a digest
     * @return lower-case hex digits
     */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Tells whether text is a well-formed hex digest.
     *
     * @param text the text
     * @return true for exactly 64 lower-case hex digits
     */
    public static boolean isHex(String text) {
        return text != null && text.matches("[0-9a-f]{64}");
    }
}
