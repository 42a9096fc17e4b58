package io.github.cscore.evaluate;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a parameter file written by DJL's {@code Model.save} into a block. The header is read as
 * DJL's {@code BaseModel} reads it (magic {@code DJL@}, version 1, model name, data type, input
 * descriptions, properties), then the block reads its own parameters. Done here rather than
 * through {@code Model.load}, whose engine-specific lookup of model files (TorchScript first, an
 * epoch option, a prefix) is not needed to read one known file, and which would not say which
 * file was broken.
 */
final class ParameterFile {

    private static final String MAGIC = "DJL@";
    private static final int VERSION = 1;

    private ParameterFile() {}

    /**
     * Replaces the block's parameters with the file's, the new arrays owned by {@code manager}.
     *
     * @throws IllegalArgumentException naming the file if it is not a DJL parameter file, is cut
     *     off, or does not fit the block
     * @throws IOException if it cannot be read at all
     */
    static void load(Path file, Block block, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            readHeader(file, data);
            block.loadParameters(manager, data);
            if (data.read() != -1) {
                throw new IllegalArgumentException("snapshot " + file + " has data after the network's parameters: "
                        + "it was saved from another network than the manifest describes");
            }
        } catch (EOFException e) {
            throw new CutOffException(file, e);
        } catch (MalformedModelException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null
                    && known.getMessage().startsWith("snapshot " + file)) {
                throw known;
            }
            throw new IllegalArgumentException("snapshot " + file + " does not fit the network of the manifest: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What a parameter file's header says of the model it was saved from.
     *
     * @param inputs the input shapes the block was initialised with, in order (DJL's {@code
     *     describeInput}); empty if the saver did not record them
     * @param properties the model's properties at the save
     */
    record Header(List<Shape> inputs, Map<String, String> properties) {}

    /**
     * Reads only the header.
     *
     * @throws IllegalArgumentException naming the file if it is not a DJL parameter file or is cut
     *     off inside its header
     * @throws IOException if it cannot be read at all
     */
    static Header header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            return readHeader(file, data);
        } catch (EOFException e) {
            throw new CutOffException(file, e);
        }
    }

    private static Header readHeader(Path file, DataInputStream data) throws IOException {
        byte[] magic = new byte[MAGIC.length()];
        data.readFully(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("snapshot " + file + " is not a DJL parameter file (no DJL@ header)");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("snapshot " + file + " has DJL format version " + version
                    + "; this version reads " + VERSION);
        }
        data.readUTF(); // model name
        data.readUTF(); // data type
        int inputs = data.readInt();
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            data.readUTF();
            shapes.add(Shape.decode(data));
        }
        int count = data.readInt();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            properties.put(data.readUTF(), data.readUTF());
        }
        return new Header(shapes, properties);
    }

    /** A file that ends early: a save that did not finish, or a file still being written. */
    static final class CutOffException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        CutOffException(Path file, EOFException cause) {
            super("snapshot " + file + " is cut off (a save that did not finish?)", cause);
        }
    }
}
