package io.github.cscore.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.storage.Sha256;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes a backbone's weights: a short header naming the network and listing every
 * parameter with its shape, followed by DJL's own parameter stream ({@link
 * Block#saveParameters}).
 *
 * <p>The header lets a mismatched file fail with a message that names the difference before any
 * parameter is replaced: DJL itself checks parameter names but not shapes, and would leave a
 * half-loaded block behind. Input size and number of classes do not matter: backbone parameters do
 * not depend on them. The trailer (format 2) holds the SHA-256 of the rest, checked before any
 * parameter is replaced, so a file cut off or damaged after it was written is refused whole;
 * format-1 files, which have none, are still read.
 */
final class BackboneFile {

    private static final int MAGIC = 0x43534242; // "CSBB"
    /** Version 2 ends with a trailer: {@link #END} and the SHA-256 of every byte before it. */
    private static final int FORMAT_VERSION = 2;
    private static final int END = 0x43534245; // "CSBE"
    private static final int TRAILER = Integer.BYTES + Sha256.BYTES;

    private BackboneFile() {}

    /**
     * Writes the file beside its target and renames it into place ({@link AtomicOutput}): a save
     * that fails (a full disk, a kill) leaves a previous backbone as it was.
     */
    static void save(Network network, Path path) throws IOException {
        List<Pair<String, Shape>> layout = layout(network.backbone());
        AtomicOutput.write(path, stream -> {
            MessageDigest digest = Sha256.digest();
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(stream, digest));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(network.name());
            out.writeInt(layout.size());
            for (Pair<String, Shape> entry : layout) {
                out.writeUTF(entry.getKey());
                out.write(entry.getValue().getEncoded());
            }
            network.backbone().saveParameters(out);
            out.writeInt(END);
            out.flush();
            stream.write(digest.digest());
        });
    }

    static void load(Network network, Path path, NDManager manager) throws IOException {
        List<Pair<String, Shape>> expected = layout(network.backbone());
        int version = checkWhole(path);
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(path)))) {
            checkHeader(in, path, network.name());
            checkLayout(in, path, expected);
            List<NDArray> replaced = network.backbone().getParameters().values().stream()
                    .map(Parameter::getArray).toList();
            network.backbone().loadParameters(manager, in);
            // DJL's Parameter.load drops the old array without closing it.
            replaced.forEach(NDArray::close);
            if (version >= 2 && in.readInt() != END) {
                throw new IllegalArgumentException("backbone file " + path + " has data after the backbone's parameters");
            }
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException(
                    "backbone file " + path + " is corrupt after a valid header: " + e.getMessage(), e);
        } catch (EOFException e) {
            // Only a version-1 file (no checksum) can end early here.
            throw cutOff(path, e);
        }
        for (Parameter parameter : network.backbone().getParameters().values()) {
            // A loaded array is new: it must track gradients exactly when the parameter is trainable.
            parameter.getArray().setRequiresGradient(parameter.requiresGradient());
        }
    }

    /**
     * Checks, before any parameter is replaced, that a version-2 file is whole: its checksum
     * matches its content. A version-1 file (no checksum) passes.
     *
     * @return the file's format version
     */
    private static int checkWhole(Path path) throws IOException {
        long size = Files.size(path);
        int version;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
            if (in.readInt() != MAGIC) {
                throw notABackbone(path);
            }
            version = in.readInt();
        } catch (EOFException e) {
            throw cutOff(path, e);
        }
        if (version < 2 || version > FORMAT_VERSION) {
            return version; // checkHeader names an unknown version
        }
        byte[] trailer = new byte[TRAILER];
        if (size >= 2 * Integer.BYTES + TRAILER) {
            try (var channel = FileChannel.open(path)) {
                channel.read(ByteBuffer.wrap(trailer), size - TRAILER);
            }
        }
        byte[] expected = Sha256.of(path, size - Sha256.BYTES);
        if (ByteBuffer.wrap(trailer).getInt() != END
                || !Arrays.equals(expected, Arrays.copyOfRange(trailer, Integer.BYTES, TRAILER))) {
            throw new IllegalArgumentException("backbone file " + path + " is cut off or damaged: its checksum does "
                    + "not match its content (a save that did not finish, or a copy that was cut short?)");
        }
        return version;
    }

    private static IllegalArgumentException cutOff(Path path, EOFException e) throws IOException {
        return new IllegalArgumentException("backbone file " + path + " is cut off after " + Files.size(path)
                + " bytes (a save that did not finish?)", e);
    }

    private static IllegalArgumentException notABackbone(Path path) {
        return new IllegalArgumentException("file " + path + " is not a backbone file (it does not start with "
                + "a backbone file's magic number)");
    }

    private static void checkHeader(DataInputStream in, Path path, String name) throws IOException {
        if (in.readInt() != MAGIC) {
            throw notABackbone(path);
        }
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("backbone file " + path + " has format version "
                    + version + "; this version reads 1 to " + FORMAT_VERSION);
        }
        String saved = in.readUTF();
        if (!saved.equals(name)) {
            throw new IllegalArgumentException("backbone file " + path + " holds a " + saved
                    + " backbone, but this network is " + name);
        }
    }

    private static void checkLayout(DataInputStream in, Path path, List<Pair<String, Shape>> expected)
            throws IOException {
        int count = in.readInt();
        for (int i = 0; i < Math.min(count, expected.size()); i++) {
            String key = in.readUTF();
            Shape shape = Shape.decode(in);
            Pair<String, Shape> mine = expected.get(i);
            if (!key.equals(mine.getKey()) || !shape.equals(mine.getValue())) {
                throw new IllegalArgumentException("backbone file " + path + " does not match this "
                        + "network's configuration (width, depth?): parameter " + i + " is " + key + " "
                        + shape + " in the file but " + mine.getKey() + " " + mine.getValue() + " here");
            }
        }
        if (count != expected.size()) {
            throw new IllegalArgumentException("backbone file " + path + " holds " + count
                    + " parameters, but this network's backbone has " + expected.size()
                    + " (different depth?)");
        }
    }

    /** Every backbone parameter with its shape, in the order of the parameter stream. */
    private static List<Pair<String, Shape>> layout(Block backbone) {
        if (!backbone.isInitialized()) {
            throw new IllegalStateException(
                    "the network must be initialised before its backbone is saved or loaded");
        }
        List<Pair<String, Shape>> layout = new ArrayList<>();
        for (Pair<String, Parameter> entry : backbone.getParameters()) {
            layout.add(new Pair<>(entry.getKey(), entry.getValue().getShape()));
        }
        return layout;
    }
}
