package io.github.cscore.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A study run read back: a damaged run file is one line naming it, or, for the run's time, unknown. */
class StudyRunDataTest {

    @TempDir
    Path folder;

    private Path run(String wallSeconds, String onsetStep) throws IOException {
        Path run = Files.createDirectories(folder.resolve("healthy-s11"));
        try (TimelineWriter writer = TimelineWriter.create(run.resolve(StudyRunData.TIMELINE))) {
            writer.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.8})
                    .scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0}).epoch(1).build("healthy-s11"));
        }
        Files.writeString(run.resolve(StudyRunData.HELD_OUT), "{\"step\":-1,\"epoch\":1,\"macro_auc\":0.75}\n");
        Files.writeString(run.resolve(StudyRunData.RUN), "scenario=healthy\nseed=11\nsplit=report\npretrain-seed=202\n"
                + "onset-step=" + onsetStep + "\nsteps-per-epoch=4\nwall-seconds=" + wallSeconds + "\n");
        return run;
    }

    @Test
    void aDamagedWallTimeIsUnknownAndTheRunIsStillRead() throws IOException {
        StudyRunData read = StudyRunData.read(run("abc", "-1"));

        assertTrue(Double.isNaN(read.wallSeconds()));
        assertEquals(-1, read.series().onsetStep());
        assertEquals(List.of(0.75), read.series().checkpoints().stream().map(RunSeries.Point::heldOutAuc).toList());
    }

    @Test
    void aDamagedValueTheAnalysisNeedsRefusesTheRunNamingTheFile() throws IOException {
        Path run = run("12.5", "eight");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StudyRunData.read(run));

        assertEquals(run.resolve(StudyRunData.RUN) + ": onset-step 'eight' is not a number; delete the run's folder "
                + "to make the run again", refused.getMessage());
    }
}
