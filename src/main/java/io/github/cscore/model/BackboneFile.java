package io.github.cscore.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a backbone's weights: a short header naming the network and listing every
 * parameter with its shape, followed by DJL's own parameter stream ({@link
 * Block#saveParameters}).
 *
 * <p>The header lets a mismatched file fail with a message that names the difference before any
 * parameter is replaced: DJL itself checks parameter names but not shapes, and would leave a
 * half-loaded block behind. Input size and number of classes do not matter: backbone parameters do
 * not depend on them.
 */
final class BackboneFile {

    private static final int MAGIC = 0x43534242; // "CSBB"
    private static final int FORMAT_VERSION = 1;

    private BackboneFile() {}

    static void save(Network network, Path path) throws IOException {
        List<Pair<String, Shape>> layout = layout(network.backbone());
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(path)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(network.name());
            out.writeInt(layout.size());
            for (Pair<String, Shape> entry : layout) {
                out.writeUTF(entry.getKey());
                out.write(entry.getValue().getEncoded());
            }
            network.backbone().saveParameters(out);
        }
    }

    static void load(Network network, Path path, NDManager manager) throws IOException {
        List<Pair<String, Shape>> expected = layout(network.backbone());
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(path)))) {
            checkHeader(in, path, network.name());
            checkLayout(in, path, expected);
            List<NDArray> replaced = network.backbone().getParameters().values().stream()
                    .map(Parameter::getArray).toList();
            network.backbone().loadParameters(manager, in);
            // DJL's Parameter.load drops the old array without closing it.
            replaced.forEach(NDArray::close);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException(
                    "backbone file " + path + " is corrupt after a valid header: " + e.getMessage(), e);
        }
        for (Parameter parameter : network.backbone().getParameters().values()) {
            // A loaded array is new: it must track gradients exactly when the parameter is trainable.
            parameter.getArray().setRequiresGradient(parameter.requiresGradient());
        }
    }

    private static void checkHeader(DataInputStream in, Path path, String name) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IllegalArgumentException("file " + path + " is not a backbone file written by "
                    + "Network.saveBackbone (wrong magic number)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("backbone file " + path + " has format version "
                    + version + ", but only " + FORMAT_VERSION + " is supported");
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
