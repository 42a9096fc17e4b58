package io.github.cscore.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;

import io.github.cscore.data.FashionMnistIdx;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.phantom.ChestPhantoms;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

/**
 * Cost of the data package per image: rendering a phantom, decoding and shrinking a
 * radiograph-sized JPEG when a {@link KermanyDataset} is built, and reading one item (normalise,
 * replicate, upsample for Fashion-MNIST, copy into an NDArray).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class DataBenchmark {

    /** Radiograph-sized JPEGs per class in the decode benchmark: the Kermany mean size. */
    static final int FILES_PER_CLASS = 4;
    static final int FILE_WIDTH = 1328;
    static final int FILE_HEIGHT = 971;

    @Param({"64", "224"})
    int size;

    private Path dir;
    private ChestPhantoms phantoms;
    private KermanyDataset kermany;
    private FashionMnistIdx fashion;
    private NDManager manager;
    private int index;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("data-bench");
        phantoms = ChestPhantoms.builder().optImageSize(Math.max(size, 32))
                .optImagesPerClass(KermanyFolder.TRAIN, 1000).build();
        writeRadiographs(dir.resolve("chest_xray"));
        kermany = kermanyBuilder().build();
        writeFashionFixture(dir.resolve("fashion"));
        fashion = FashionMnistIdx.builder().optDirectory(dir.resolve("fashion")).optImageSize(size)
                .setSampling(1, false).build();
        manager = NDManager.newBaseManager();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        manager.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private KermanyDataset.Builder kermanyBuilder() {
        return KermanyDataset.builder().setRoot(dir.resolve("chest_xray")).optImageSize(size)
                .optValidationFraction(0).setSampling(1, false);
    }

    /** Renders one PNEUMONIA phantom (anatomy, opacities, noise) at the benchmark's size. */
    @Benchmark
    public byte[] renderPhantom() {
        index = (index + 1) % 1000;
        return phantoms.render(KermanyFolder.TRAIN, 1, index).pixels();
    }

    /** Builds a dataset of 1328 x 971 greyscale JPEGs: decode, area-resize, cache; per file. */
    @Benchmark
    @OperationsPerInvocation(2 * FILES_PER_CLASS)
    public KermanyDataset decodeAndResizeRadiograph() throws IOException {
        return kermanyBuilder().build();
    }

    /** Reads one cached Kermany item as a normalised float array. */
    @Benchmark
    public float[] kermanyImage() {
        index = (index + 1) % (2 * FILES_PER_CLASS);
        return kermany.image(index);
    }

    /** Reads one cached Kermany item as DJL sees it: NDArrays of image and label. */
    @Benchmark
    public Record kermanyRecord() {
        index = (index + 1) % (2 * FILES_PER_CLASS);
        Record record = kermany.get(manager, index);
        record.getData().close();
        record.getLabels().close();
        return record;
    }

    /** Reads one Fashion-MNIST item: bilinear upsampling from 28 x 28, normalised. */
    @Benchmark
    public float[] fashionMnistImage() {
        index = (index + 1) % 20;
        return fashion.image(index);
    }

    private static void writeRadiographs(Path root) throws IOException {
        Random random = new Random(1);
        for (String folder : new String[] {"train/NORMAL", "train/PNEUMONIA"}) {
            Files.createDirectories(root.resolve(folder));
            for (int i = 0; i < FILES_PER_CLASS; i++) {
                BufferedImage image =
                        new BufferedImage(FILE_WIDTH, FILE_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < FILE_HEIGHT; y++) {
                    for (int x = 0; x < FILE_WIDTH; x++) {
                        image.getRaster().setSample(x, y, 0, (x / 7 + y / 5) % 200 + random.nextInt(40));
                    }
                }
                ImageIO.write(image, "jpeg", root.resolve(folder).resolve(i + ".jpeg").toFile());
            }
        }
    }

    private static void writeFashionFixture(Path folder) throws IOException {
        Files.createDirectories(folder);
        byte[] pixels = new byte[20 * 784];
        new Random(2).nextBytes(pixels);
        byte[] labels = new byte[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        writeIdx(folder.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {20, 28, 28}, pixels);
        writeIdx(folder.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {20}, labels);
    }

    private static void writeIdx(Path file, int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(magic);
        for (int d : dims) {
            data.writeInt(d);
        }
        data.write(values);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes.toByteArray());
        }
    }
}
