package io.github.cscore.cli;

import static io.github.cscore.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.github.cscore.cli.CommandLineTest.Run;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** cscore pretrain writes a backbone the demo's network loads; cscore demo --backbone starts from it. */
@ExtendWith(EngineManagerExtension.class)
class PretrainCommandTest {

    private static final String[] TINY = {"--input", "32", "--width", "0.125", "--epochs", "1", "--train-per-class", "3"};

    @Test
    void pretrainWritesABackboneThatTheDemoScaleNetworkLoads(@TempDir Path folder, NDManager manager) throws Exception {
        Path file = folder.resolve("sub").resolve("backbone.cscore");
        List<String> args = new ArrayList<>(List.of("pretrain", "--out", file.toString()));
        args.addAll(List.of(TINY));

        Run run = run(args.toArray(String[]::new));

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("10 classes: 30 training"), run.out());
        assertTrue(run.out().contains("epoch 1: test accuracy "), run.out());
        assertTrue(Files.size(file) > 0);
        Network demo = Architecture.RESNET50_V2.build(NetworkConfig.demo(32, 0.125f, 2));
        demo.initialize(manager);
        float[] before = firstBackboneWeight(demo);
        demo.loadBackbone(file, manager);
        assertFalse(java.util.Arrays.equals(before, firstBackboneWeight(demo)), "the pretrained weights replaced the random ones");
        Network again = Architecture.RESNET50_V2.build(NetworkConfig.demo(32, 0.125f, 2));
        again.initialize(manager);
        again.loadBackbone(file, manager);
        assertArrayEquals(firstBackboneWeight(demo), firstBackboneWeight(again));
    }

    @Test
    void aBackboneThatCannotBeWrittenForAFullDiskIsNamed(@TempDir Path folder) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 1 << 20)) {
            Path file = disk.root().resolve("backbone.cscore");
            disk.fill(0);
            List<String> args = new ArrayList<>(List.of("pretrain", "--out", file.toString()));
            args.addAll(List.of(TINY));

            Run run = run(args.toArray(String[]::new));

            assertEquals(2, run.status(), run.out() + run.err());
            assertEquals("cscore: cannot write the backbone " + file + ": No space left on device; a backbone there "
                    + "before is left as it was", run.err().strip());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeTraining(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
        Path under = file.resolve("sub").resolve("backbone.cscore");

        Run belowAFile = run("pretrain", "--out", under.toString(), "--train-per-class", "3");
        Run aFolder = run("pretrain", "--out", folder.toString(), "--train-per-class", "3");

        assertEquals(2, belowAFile.status(), belowAFile.out() + belowAFile.err());
        assertEquals("cscore: --out " + under + ": " + file + " is not a folder", belowAFile.err().strip());
        assertEquals(2, aFolder.status(), aFolder.out() + aFolder.err());
        assertEquals("cscore: --out " + folder + " is a folder; give the backbone file to write, such as "
                + folder.resolve("backbone.cscore"), aFolder.err().strip());
        assertEquals("", belowAFile.out() + aFolder.out(), "no training started");
    }

    @Test
    void demoRefusesAMissingBackboneBeforeAnyWork(@TempDir Path folder) {
        Path out = folder.resolve("run");

        Run run = run("demo", "--out", out.toString(), "--backbone", folder.resolve("none.cscore").toString(),
                "--metrics-port", "0");

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("cscore: --backbone " + folder.resolve("none.cscore") + ": no such file"),
                run.err());
        assertFalse(Files.exists(out.resolve("chest_xray")), "nothing generated");
    }

    @Test
    void demoStartsTheTransferPhaseFromThePretrainedBackbone(@TempDir Path folder) {
        Path file = folder.resolve("backbone.cscore");
        List<String> pretrain = new ArrayList<>(List.of("pretrain", "--out", file.toString()));
        pretrain.addAll(List.of(TINY));
        assertEquals(0, run(pretrain.toArray(String[]::new)).status());

        Run run = run("demo", "--out", folder.resolve("run").toString(), "--backbone", file.toString(),
                "--input", "32", "--width", "0.125", "--train-per-class", "4", "--sample-per-class", "5",
                "--transfer-epochs", "1", "--finetune-epochs", "0", "--techniques", "gradcam", "--metrics-port", "0");

        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("backbone loaded from " + file), run.out());
    }

    private static float[] firstBackboneWeight(Network network) {
        for (Pair<String, Parameter> parameter : network.backbone().getParameters()) {
            if (parameter.getKey().endsWith("weight")) {
                return parameter.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no weight in the backbone");
    }
}
