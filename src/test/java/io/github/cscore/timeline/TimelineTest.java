package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

class TimelineTest {

    static CheckpointResult result(int epoch) {
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        techniques.put(Technique.GRAD_CAM, TechniqueResult.scored(Technique.GRAD_CAM, List.of(
                ClassScore.defined(0, 0.625, 7, 1),
                ClassScore.undefined(1, 3, 0, "gold list has 3 instances, fewer than minGoldSize 5")), 0.25)
                .withSignals(List.of(new ExplanationSignals(0.125, 0.5, 0.25), ExplanationSignals.NONE)));
        techniques.put(Technique.SCORE_CAM,
                TechniqueResult.skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT, "over budget", 300.5));
        return CheckpointResult.scored(new CheckpointResult.Identity("run-a", "resnet50v2", epoch, 20 * epoch, Phase.FINETUNE),
                new CheckpointResult.Timing(Instant.parse("2026-11-26T12:00:00Z"), 2.5, 0.5), 0.75, Double.NaN,
                List.of(new ClassMetrics(0, "NORMAL", 8, 7, Double.NaN, 0.875),
                        new ClassMetrics(1, "PNEUMONIA", 8, 3, 0.8, Double.NaN)),
                techniques, epoch % 2 == 0);
    }

    @Test
    void recordsReadBackAsWritten(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("deep/er/timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
            writer.accept(result(2));
        }

        List<CheckpointResult> read = Timeline.read(file).checkpoints();

        assertEquals(2, read.size());
        CheckpointResult second = read.get(1);
        assertEquals(2, second.epoch());
        assertEquals(Phase.FINETUNE, second.phase());
        assertEquals(Instant.parse("2026-11-26T12:00:00Z"), second.finishedAt());
        assertEquals(0.75, second.accuracy());
        assertTrue(Double.isNaN(second.macroAuc()));
        assertEquals(List.of("NORMAL", "PNEUMONIA"), second.classNames());
        assertEquals(0.625, second.technique(Technique.GRAD_CAM).score(0));
        assertTrue(Double.isNaN(second.technique(Technique.GRAD_CAM).score(1)));
        assertEquals("gold list has 3 instances, fewer than minGoldSize 5",
                second.technique(Technique.GRAD_CAM).classes().get(1).undefinedReason());
        assertEquals(1, second.technique(Technique.GRAD_CAM).flatMaps(0));
        assertEquals(SkipReason.TIMEOUT, second.technique(Technique.SCORE_CAM).skipReason());
        assertEquals(0.625, second.technique(Technique.GRAD_CAM).global().worst());
        assertTrue(second.engineSafePath());
        assertFalse(read.get(0).engineSafePath());
    }

    @Test
    void undefinedNumbersAreWrittenAsNull(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
        }

        String line = Files.readString(file);

        assertTrue(line.contains("\"macro_auc\":null"), line);
        assertTrue(line.contains("\"status\":\"timeout\""), line);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line per record");
    }

    @Test
    void anExistingTimelineIsAppendedTo(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
        }
        try (TimelineWriter writer = TimelineWriter.resume(file)) {
            writer.accept(result(2));
        }

        assertEquals(List.of(1, 2), epochs(file));
    }

    @Test
    void aCutOffLastLineIsSkipped(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
        }
        String whole = TimelineJson.toLine(result(2));
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertEquals(List.of(1), epochs(file));
        assertEquals(whole.length() / 2, Timeline.read(file).cutOffBytes());
    }

    @Test
    void aMalformedLineInTheMiddleNamesTheFileAndLine(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)) + "\n{\"schema\":7}\n" + TimelineJson.toLine(result(3)) + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().startsWith("timeline " + file + " line 2 is malformed: unsupported timeline schema 7"),
                error.getMessage());
    }

    @Test
    void aTimelineLinkedToADeviceIsRefusedBeforeAnyOfItIsRead(@TempDir Path folder) throws Exception {
        Path link = Files.createSymbolicLink(folder.resolve("timeline.jsonl"), Path.of("/dev/zero"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(link));

        assertEquals("timeline " + link + " is not a regular file (a device or a pipe?)", error.getMessage());
    }

    @Test
    void aMissingTimelineIsStillReportedAsOneThatCannotBeRead(@TempDir Path folder) {
        Path missing = folder.resolve("absent.jsonl");

        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> Timeline.read(missing));

        assertTrue(error.getMessage().startsWith("cannot read timeline " + missing), error.getMessage());
    }

    @Test
    void aTimelineLargerThanTheCapIsRefusedInOneLine(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Timeline.MAX_BYTES + 1);
        }

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));
        IllegalArgumentException resumed = assertThrows(IllegalArgumentException.class,
                () -> TimelineWriter.resume(file));

        assertEquals("timeline " + file + " is larger than the 128 MiB a timeline may hold", error.getMessage());
        assertEquals(error.getMessage(), resumed.getMessage());
    }

    private static List<Integer> epochs(Path file) {
        return Timeline.read(file).checkpoints().stream().map(CheckpointResult::epoch).toList();
    }

    private static AlertEvent alert(int epoch) {
        return new AlertEvent("CScoreRelativeDrop", Severity.WARNING, AlertEvent.State.FIRING, "run-a", "resnet50v2",
                epoch, "scorecam", "PNEUMONIA", 0.31, 0.5, "ScoreCAM C-Score of PNEUMONIA fell to 0.31");
    }

    @Test
    void alertEventsReadBackBesideTheCheckpoints(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
            writer.append(alert(1));
        }

        Timeline timeline = Timeline.read(file);

        assertEquals(List.of(1), timeline.checkpoints().stream().map(CheckpointResult::epoch).toList());
        assertEquals(List.of(alert(1)), timeline.alerts());
    }

    @Test
    void resumingAfterACutRecordStartsOnANewLineAndKeepsEveryLaterRecord(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        String whole = TimelineJson.toLine(result(1)) + "\n" + TimelineJson.toLine(result(2));
        Files.writeString(file, whole.substring(0, whole.length() - 40));

        try (TimelineWriter writer = TimelineWriter.resume(file)) {
            writer.accept(result(3));
            writer.accept(result(4));
        }

        assertEquals(List.of(1, 3, 4), epochs(file));
        assertEquals(0, Timeline.read(file).cutOffBytes());
        assertTrue(Files.readString(folder.resolve("timeline.jsonl.cut-off")).startsWith("{\"schema\":" + TimelineJson.SCHEMA),
                "the cut record is set aside, not thrown away");
    }

    @Test
    void aCutInsideAMultiByteCharacterLosesOnlyThatRecord(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
        }
        byte[] accented = "{\"schema\":2,\"run\":\"r\u00e9sum\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(accented, accented.length - 1); // half of the last é
        Files.write(file, cut, StandardOpenOption.APPEND);

        assertEquals(List.of(1), epochs(file));
    }

    @Test
    void aCompleteGarbageLastLineIsAnErrorNotACutOff(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)) + "\nnot json at all\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().contains("line 2 is malformed: not valid JSON"), error.getMessage());
    }

    @Test
    void aSchemaTwoRecordReadsWithoutStepConfidenceOrSignals(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        String line = TimelineJson.toLine(result(1))
                .replace("\"schema\":" + TimelineJson.SCHEMA, "\"schema\":2")
                .replace("\"step\":20,", "");
        Files.writeString(file, line + "\n");

        CheckpointResult read = Timeline.read(file).checkpoints().get(0);

        assertEquals(-1, read.step());
        assertTrue(Double.isNaN(read.classes().get(0).confidence()));
        assertEquals(ExplanationSignals.NONE, read.technique(Technique.GRAD_CAM).signals(0));
        assertEquals(result(1).technique(Technique.GRAD_CAM).classes(), read.technique(Technique.GRAD_CAM).classes());
    }

    /** A checkpoint whose Score-CAM the time budget left out. */
    private static CheckpointResult scheduledOut(int epoch) {
        CheckpointResult result = result(epoch);
        Map<Technique, TechniqueResult> techniques = new TreeMap<>(result.techniques());
        techniques.put(Technique.SCORE_CAM, TechniqueResult.skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT,
                "left out by the monitor's time budget (10 % of the run); runs every 3rd checkpoint", 0));
        return CheckpointResult.scored(result.identity(), result.timing(), result.accuracy(), result.macroAuc(),
                result.classes(), techniques, result.engineSafePath());
    }

    @Test
    void aTechniqueTheBudgetLeftOutReadsBackAsScheduledOut(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(scheduledOut(1));
        }

        CheckpointResult read = Timeline.read(file).checkpoints().get(0);

        assertTrue(Files.readString(file).contains("\"status\":\"scheduled_out\""));
        assertEquals(scheduledOut(1), read);
        assertEquals(List.of(SkipReason.SCHEDULED_OUT), read.skips());
    }

    @Test
    void aSchemaThreeRecordIsStillRead(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)).replace("\"schema\":" + TimelineJson.SCHEMA,
                "\"schema\":3") + "\n");

        assertEquals(result(1), Timeline.read(file).checkpoints().get(0));
    }

    @Test
    void aSchemaThreeRecordCannotHoldScheduledOut(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(scheduledOut(1)).replace("\"schema\":" + TimelineJson.SCHEMA,
                "\"schema\":3") + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().endsWith("field 'techniques.scorecam.status' is 'scheduled_out', which schema 3 "
                + "does not have (schema 4 and later)"), error.getMessage());
    }

    @Test
    void aRecordFromANewerVersionSaysSo(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)).replace("\"schema\":" + TimelineJson.SCHEMA,
                "\"schema\":" + (TimelineJson.SCHEMA + 1)) + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().contains("written by a newer version"), error.getMessage());
    }

    @Test
    void aMistypedFieldIsNamed(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)).replace("\"epoch\":1", "\"epoch\":\"one\"") + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().endsWith("line 1 is malformed: field 'epoch' must be an integer, but was \"one\""),
                error.getMessage());
    }

    @Test
    void aMissingFieldIsNamed(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)).replace("\"gold_size\":7,", "") + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().endsWith("field 'classes[0].gold_size' is missing"), error.getMessage());
    }

    @Test
    void schemaOneFilesAreStillRead(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        String schemaOne = TimelineJson.toLine(result(5))
                .replace("\"schema\":" + TimelineJson.SCHEMA + ",\"record\":\"checkpoint\"", "\"schema\":1");
        Files.writeString(file, schemaOne + "\n");

        assertEquals(List.of(5), epochs(file));
    }

    @Test
    void resumingATimelineWithAMalformedRecordIsRefusedAndLeavesItUntouched(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        String content = "{\"schema\":2}\n" + TimelineJson.toLine(result(1)) + "\n";
        Files.writeString(file, content);

        assertThrows(IllegalArgumentException.class, () -> TimelineWriter.resume(file));

        assertEquals(content, Files.readString(file));
    }

    @Test
    void aSecondWriterOfTheSameFileIsRefusedWhileTheFirstWrites(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter first = TimelineWriter.create(file)) {
            first.accept(result(1));

            IllegalStateException error = assertThrows(IllegalStateException.class, () -> TimelineWriter.create(file));

            assertTrue(error.getMessage().contains("is being written by another run"), error.getMessage());
            first.accept(result(2));
        }
        assertEquals(List.of(1, 2), epochs(file));
    }

    @Test
    void aNewRunReplacesThePreviousTimelineOnlyAtItsFirstRecord(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter previous = TimelineWriter.create(file)) {
            previous.accept(result(1));
            previous.accept(result(2));
        }

        try (TimelineWriter failedEarly = TimelineWriter.create(file)) {
            assertEquals(List.of(1, 2), epochs(file), "nothing written yet: the previous run's timeline stays");
        }
        assertEquals(List.of(1, 2), epochs(file));
        try (TimelineWriter next = TimelineWriter.create(file)) {
            next.accept(result(7));
        }

        assertEquals(List.of(7), epochs(file));
    }

    @Test
    void theFragmentOfAFailedWriteIsRemovedBeforeTheNextRecord(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(result(1));
            // What a write cut short by a full disk leaves behind: part of a record, no newline.
            Files.writeString(file, "{\"schema\":2,\"record\":\"check", StandardOpenOption.APPEND);

            writer.accept(result(2));
        }

        assertEquals(List.of(1, 2), epochs(file));
        assertEquals(0, Timeline.read(file).cutOffBytes());
    }

    @Test
    void closingTwiceIsHarmless(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        TimelineWriter writer = TimelineWriter.create(file);
        writer.accept(result(1));

        writer.close();
        writer.close();

        assertEquals(List.of(1), epochs(file));
    }

    @Test
    void aFullDiskIsCountedAndTheWriterKeepsTrying() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        try (TimelineWriter writer = TimelineWriter.create(full)) {
            java.io.UncheckedIOException first =
                    assertThrows(java.io.UncheckedIOException.class, () -> writer.accept(result(1)));
            assertThrows(java.io.UncheckedIOException.class, () -> writer.accept(result(2)));

            assertEquals(2, writer.failedWrites());
            assertEquals(0, writer.written());
            assertTrue(first.getMessage().startsWith("cannot write to timeline /dev/full: "), first.getMessage());
            assertTrue(writer.lastFailure().contains("No space left"), writer.lastFailure());
        }
    }
}
