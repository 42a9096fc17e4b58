package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import io.github.cscore.engine.ChildJvm.Outcome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The remedy where it matters: in child JVMs with and without the instruction-set cap. Where the
 * machine shows the fault's cause (an AMD CPU hiding its cache topology), the fault must appear
 * without the cap, or this test no longer describes the machine; everywhere the cap must give
 * correct results.
 */
class EngineRemedyIT {

    private static final boolean FAULTY_MACHINE = EngineRemedy.isCacheTopologyHidden();

    @TempDir
    Path errors;

    @Test
    void engineCheckFailsWithoutTheCapWhereTheCauseIsPresentAndPassesWithIt() {
        Outcome without = ChildJvm.java(errors, null, EngineCheckMain.class);
        Outcome with = ChildJvm.java(errors, EngineRemedy.SAFE_ISA, EngineCheckMain.class);

        assertEquals(0, with.status(), with.output());
        assertEquals(FAULTY_MACHINE ? 1 : 0, without.status(), without.output());
    }

    /** Issue 14's minimal crash: ResNet-50's last down-sampling convolution, one image. */
    @Test
    void stridedOneByOneBackwardCrashesWithoutTheCapWhereTheCauseIsPresentAndIsRightWithIt() {
        Outcome without = ChildJvm.java(errors, null, StridedBackwardMain.class);
        Outcome with = ChildJvm.java(errors, EngineRemedy.SAFE_ISA, StridedBackwardMain.class);

        assertEquals(0, with.status(), with.output());
        assertTrue(with.output().contains("within tolerance"), with.output());
        if (FAULTY_MACHINE) {
            assertEquals(134, without.status(), "the JVM aborts on the signal: " + without.output());
            assertTrue(without.output().contains("SIGFPE"), without.output());
        } else {
            assertEquals(0, without.status(), without.output());
        }
    }

    @Test
    void relaunchHappensOnlyWhereNeededAndPassesTheExitStatusOn() {
        Outcome plain = ChildJvm.java(errors, null, RelaunchMain.class, "a b");

        assertEquals(7, plain.status(), plain.output());
        assertTrue(plain.output().contains("args=[a b]"), plain.output());
        String expected = FAULTY_MACHINE ? EngineRemedy.SAFE_ISA : "unset";
        assertTrue(plain.output().contains("cap=" + expected), plain.output());
    }

    @Test
    void aCapTheUserSetIsLeftAlone() {
        Outcome chosen = ChildJvm.java(errors, "AVX2", RelaunchMain.class);

        assertEquals(7, chosen.status(), chosen.output());
        assertTrue(chosen.output().contains("cap=AVX2"), chosen.output());
    }

    /** The real command: {@code java -jar target/cscore.jar} on a tiny demo, oneDNN reporting its ISA. */
    @Test
    void cscoreJarRunsUnderTheCapWhereTheCauseIsPresent(@TempDir Path out) {
        Path jar = Path.of("target", "cscore.jar");
        assertTrue(Files.isRegularFile(jar), "target/cscore.jar is built in the package phase, before this test");

        Outcome demo = ChildJvm.jar(errors, jar, null, Map.of("ONEDNN_VERBOSE", "check"), "demo",
                "--out", out.toString(), "--train-per-class", "8", "--transfer-epochs", "1", "--finetune-epochs", "0",
                "--sample-per-class", "5", "--techniques", "gradcam");

        assertEquals(0, demo.status(), demo.output());
        assertTrue(demo.output().contains("onednn_verbose,v1,info,cpu,isa:"), demo.output());
        // Unless the CPU has no AVX at all, only the cap makes oneDNN settle for SSE4.1.
        assertEquals(FAULTY_MACHINE, demo.output().contains("isa:Intel SSE4.1"), demo.output());
    }

    /** Runs {@link EngineCheck#run()}; exits 0 if it passed, 1 if not. */
    static final class EngineCheckMain {
        public static void main(String[] args) {
            EngineCheckResult result = EngineCheck.run();
            System.out.println(result.summary());
            System.exit(result.passed() ? 0 : 1);
        }
    }

    /** One backward pass through a 1x1, stride-2, 1024->2048 convolution on 14x14; exits 0 if right. */
    static final class StridedBackwardMain {
        public static void main(String[] args) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ConvolutionCase shape = new ConvolutionCase(1, 1024, 2048, 14, 1, 0, 2);
                ConvolutionFinding finding = ConvolutionProbe.probe(ConvolutionProbe.engine(manager), shape, 14);
                boolean right = finding.error() <= EngineCheck.TOLERANCE;
                System.out.println(finding + (right ? " (within tolerance)" : " (WRONG)"));
                System.exit(right ? 0 : 1);
            }
        }
    }

    /** Restarts itself if needed, then reports its cap and arguments and exits with status 7. */
    static final class RelaunchMain {
        public static void main(String[] args) {
            var relaunched = EngineRemedy.relaunchIfNeeded(RelaunchMain.class, args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
            }
            System.out.println("cap=" + EngineRemedy.isaCap().orElse("unset") + " args=" + java.util.List.of(args));
            System.exit(7);
        }
    }
}
