package io.github.cscore.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The content of an IDX file of unsigned bytes (the MNIST format), gzip-compressed or not.
 *
 * <p>Header: a 32-bit big-endian magic number {@code 0x000008NN} (type 0x08 = unsigned byte,
 * {@code NN} = number of dimensions), then one 32-bit big-endian size per dimension, then the
 * values. Images are {@code idx3} (count, rows, columns), labels {@code idx1} (count).
 *
 * @param dimensions the sizes, first the item count
 * @param values every value, row-major
 */
record IdxFile(int[] dimensions, byte[] values) {

    /** Magic number of an unsigned-byte IDX file with three dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with one dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    /**
     * Reads a whole IDX file and checks it.
     *
     * @param file the file, gzip-compressed or raw
     * @param magic the expected magic number, {@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}
     * @throws IllegalArgumentException naming the file if the magic number is wrong, a size is
     *     not positive, the data is shorter than the header announces, or bytes follow it
     * @throws IOException if the file cannot be read or its compression is broken
     */
    static IdxFile read(Path file, int magic) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int found = readHeaderInt(in, file);
            if (found != magic) {
                throw new IllegalArgumentException(String.format(
                        "wrong IDX magic number 0x%08x in %s; expected 0x%08x", found, file, magic));
            }
            int[] dimensions = new int[magic & 0xFF];
            long total = 1;
            for (int d = 0; d < dimensions.length; d++) {
                dimensions[d] = readHeaderInt(in, file);
                if (dimensions[d] < 1) {
                    throw new IllegalArgumentException(
                            "IDX dimension " + d + " must be positive, but was " + dimensions[d]
                                    + " in " + file);
                }
                total *= dimensions[d];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("IDX file too large (" + total + " values): " + file);
            }
            return new IdxFile(dimensions, readValues(in, (int) total, file));
        } catch (ZipException e) {
            throw new IllegalArgumentException(
                    "IDX file has broken gzip compression (" + e.getMessage() + "): " + file, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        // The gzip magic 1f 8b cannot start an IDX file, whose first two bytes are zero.
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
    }

    private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file is truncated inside its header: " + file, e);
        }
    }

    private static byte[] readValues(DataInputStream in, int total, Path file) throws IOException {
        byte[] values = new byte[total];
        int read = 0;
        try {
            while (read < total) {
                int n = in.read(values, read, total - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off stream this way rather than with -1.
        }
        if (read < total) {
            throw new IllegalArgumentException("IDX file is truncated: the header announces " + total
                    + " values but only " + read + " follow, in " + file);
        }
        if (in.read() >= 0) {
            throw new IllegalArgumentException(
                    "IDX file has bytes after the " + total + " values its header announces: " + file);
        }
        return values;
    }

    /** Returns the number of items: the first dimension. */
    int count() {
        return dimensions[0];
    }
}
