package io.github.cscore.cli;

import static io.github.cscore.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cscore.result.Technique;
import io.github.cscore.study.RunSeries;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code cscore study}: what it refuses before any run is made, and a run whose timeline lost records. */
class StudyCommandTest {

    @TempDir
    Path folder;

    @Test
    void aSeedOrScenarioListedTwiceIsRefusedBeforeAnythingIsWritten() {
        Path out = folder.resolve("study");

        CommandLineTest.Run seeds = run("study", "--out", out.toString(), "--seeds", "1,1");
        CommandLineTest.Run scenarios = run("study", "--out", out.toString(), "--scenarios", "healthy,healthy");

        assertEquals(2, seeds.status(), seeds.out() + seeds.err());
        assertEquals("cscore: --seeds lists 1 more than once; each run is made and counted once", seeds.err().strip());
        assertEquals(2, scenarios.status(), scenarios.out() + scenarios.err());
        assertEquals("cscore: --scenarios lists healthy more than once; each run is made and counted once",
                scenarios.err().strip());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aStudyFolderMadeWithOtherTechniquesIsRefusedNamingTheSetting() throws IOException {
        Path out = Files.createDirectories(folder.resolve("study"));
        Path settings = Files.writeString(out.resolve(StudyCommand.SETTINGS),
                StudyProtocol.ofDefaults().describe() + "techniques=" + Technique.GRAD_CAM.label() + "\n");
        String defaults = StudyProtocol.TECHNIQUES.stream().map(Technique::label).collect(Collectors.joining(","));

        CommandLineTest.Run run = run("study", "--out", out.toString(), "--seeds", "11", "--scenarios", "healthy");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + " holds a study made with other settings: techniques is "
                + Technique.GRAD_CAM.label() + " there but " + defaults + " now (see " + settings
                + "); choose another --out", run.err().strip());
    }

    @Test
    void aStudyFolderMadeWithAnotherTechniqueTimeoutIsRefusedNamingTheSetting() throws IOException {
        Path out = Files.createDirectories(folder.resolve("study"));
        String techniques = "techniques=" + StudyProtocol.TECHNIQUES.stream().map(Technique::label)
                .collect(Collectors.joining(",")) + "\n";
        Path settings = Files.writeString(out.resolve(StudyCommand.SETTINGS),
                StudyProtocol.ofDefaults().describe() + techniques + "technique-timeout=600\n");

        CommandLineTest.Run run = run("study", "--out", out.toString(), "--seeds", "11", "--scenarios", "healthy");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + " holds a study made with other settings: technique-timeout is 600 there "
                + "but 300 now (see " + settings + "); choose another --out", run.err().strip());
    }

    @Test
    void aStudyRecordedBeforeTheTechniqueTimeoutWasASettingRanAtTheDefault() throws IOException {
        Path out = Files.createDirectories(folder.resolve("study"));
        String techniques = "techniques=" + StudyProtocol.TECHNIQUES.stream().map(Technique::label)
                .collect(Collectors.joining(",")) + "\n";
        Path settings = Files.writeString(out.resolve(StudyCommand.SETTINGS),
                StudyProtocol.ofDefaults().describe() + techniques);

        CommandLineTest.Run run = run("study", "--out", out.toString(), "--seeds", "11", "--scenarios", "healthy",
                "--technique-timeout", "900");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + " holds a study made with other settings: technique-timeout is 300 there "
                + "(the default: the file predates the setting) but 900 now (see " + settings + "); choose another "
                + "--out", run.err().strip());
    }

    @Test
    void aStudyRecordedBeforeTheMonitorShareWasASettingRanWithoutABudget() throws IOException {
        Path out = Files.createDirectories(folder.resolve("study"));
        String techniques = "techniques=" + StudyProtocol.TECHNIQUES.stream().map(Technique::label)
                .collect(Collectors.joining(",")) + "\n";
        Path settings = Files.writeString(out.resolve(StudyCommand.SETTINGS),
                StudyProtocol.ofDefaults().describe() + techniques + "technique-timeout=300\n");

        CommandLineTest.Run run = run("study", "--out", out.toString(), "--seeds", "11", "--scenarios", "healthy",
                "--monitor-share", "0.1");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + " holds a study made with other settings: monitor-share is 1.0 there "
                + "(the protocol's: the file predates the setting) but 0.1 now (see " + settings + "); choose another "
                + "--out", run.err().strip());
    }

    @Test
    void aMonitorShareOutsideItsRangeIsAOneLineError() {
        CommandLineTest.Run run = run("study", "--out", folder.resolve("study").toString(), "--seeds", "11",
                "--scenarios", "healthy", "--monitor-share", "1.5");

        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().strip().startsWith("cscore: --monitor-share "), run.err());
        assertFalse(Files.exists(folder.resolve("study")), "nothing written");
    }

    @Test
    void aCompleteRunMadeFromAnotherBackboneIsRefusedNamingTheRun() throws IOException {
        Path out = folder.resolve("study");
        Path backbone = StudyBackbone.file(out, StudyProtocol.ofDefaults());
        Files.createDirectories(backbone.getParent());
        Files.writeString(backbone, "a backbone pretrained again since");
        Path runFolder = Files.createDirectories(out.resolve("runs").resolve("healthy-s11"));
        String recorded = "0".repeat(64);
        Files.writeString(runFolder.resolve(StudyRunner.RUN), "scenario=healthy\nseed=11\nsplit=report\n"
                + StudyRunner.BACKBONE_SHA256 + "=" + recorded + "\n");

        CommandLineTest.Run run = run("study", "--out", out.toString(), "--seeds", "11", "--scenarios", "healthy");

        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("cscore: --out " + out + ": run healthy-s11 was made from a backbone with SHA-256 " + recorded
                + ", but " + backbone + " now has " + io.github.cscore.storage.Sha256.of(backbone) + "; delete the "
                + "run's folder to make it again, or choose another --out", run.err().strip());
    }

    @Test
    void aRunWhoseTimelineLostRecordsFailsNamingTheRun() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        StudyRun study = new StudyRun(StudyScenario.HEALTHY, 11, RunSeries.Split.REPORT);
        try (TimelineWriter timeline = TimelineWriter.create(full)) {
            assertThrows(UncheckedIOException.class, () -> timeline.accept(Results.classes(List.of("NORMAL",
                    "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.9}).build("healthy-s11")));

            IOException failure = assertThrows(IOException.class, () -> StudyRunner.requireWholeTimeline(study, timeline));

            assertEquals("run healthy-s11: the timeline /dev/full is INCOMPLETE: 1 of 1 records could not be written "
                    + "(No space left on device)", failure.getMessage());
        }
    }
}
