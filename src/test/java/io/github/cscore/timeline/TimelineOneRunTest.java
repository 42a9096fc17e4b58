package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A timeline is one run: the reader refuses a record whose run, model, classes (names and order)
 * or techniques disagree with the first, and any value out of its range, naming the line. Nothing
 * is drawn under the wrong name or scale.
 */
class TimelineOneRunTest {

    @TempDir
    Path folder;

    private Path file(String... lines) throws Exception {
        return Files.writeString(folder.resolve("timeline.jsonl"), String.join("\n", lines) + "\n");
    }

    private static String line(CheckpointResult result) {
        return TimelineJson.toLine(result);
    }

    private static CheckpointResult withClasses(CheckpointResult result, List<ClassMetrics> classes) {
        return new CheckpointResult(result.run(), result.model(), result.epoch(), result.step(), result.phase(),
                result.finishedAt(),
                result.seconds(), result.passSeconds(), result.sampleSize(), result.accuracy(), result.macroAuc(),
                classes, result.techniques(), result.skipReason(), result.detail(), result.engineSafePath());
    }

    private String refused(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> Timeline.read(file)).getMessage();
    }

    @Test
    void aRecordOfAnotherRunIsRefusedNamingItsLine() throws Exception {
        CheckpointResult other = TimelineTest.result(3);
        other = new CheckpointResult("run-b", other.model(), 3, -1, other.phase(), other.finishedAt(), other.seconds(),
                other.passSeconds(), other.sampleSize(), other.accuracy(), other.macroAuc(), other.classes(),
                other.techniques(), null, "", false);
        Path file = file(line(TimelineTest.result(1)), line(TimelineTest.result(2)), line(other));

        assertEquals("timeline " + file + " line 3 is of run 'run-b', but line 1 is of run 'run-a': a timeline "
                + "holds one run", refused(file));
    }

    @Test
    void aRecordOfAnotherModelIsRefused() throws Exception {
        CheckpointResult first = TimelineTest.result(1);
        CheckpointResult other = new CheckpointResult(first.run(), "densenet201", 2, -1, first.phase(), first.finishedAt(),
                1, 1, first.sampleSize(), first.accuracy(), first.macroAuc(), first.classes(), first.techniques(),
                null, "", false);
        Path file = file(line(first), line(other));

        assertEquals("timeline " + file + " line 2 is of model 'densenet201', but line 1 is of model 'resnet50v2': "
                + "a timeline holds one run", refused(file));
    }

    @Test
    void swappedClassesAreRefusedRatherThanDrawnUnderTheOtherName() throws Exception {
        CheckpointResult first = TimelineTest.result(1);
        CheckpointResult swapped = withClasses(TimelineTest.result(2), List.of(
                new ClassMetrics(0, "PNEUMONIA", 8, 3, 0.8), new ClassMetrics(1, "NORMAL", 8, 7, 0.9)));
        Path file = file(line(first), line(swapped));

        String message = refused(file);

        assertTrue(message.startsWith("timeline " + file + " line 2 "), message);
        assertTrue(message.contains("[NORMAL, PNEUMONIA]"), message);
    }

    @Test
    void anExtraClassIsRefused() throws Exception {
        CheckpointResult first = TimelineTest.result(1);
        CheckpointResult more = TimelineTest.result(2);
        more = withClasses(more, List.of(more.classes().get(0), more.classes().get(1),
                new ClassMetrics(2, "COVID", 8, 0, Double.NaN)));
        Path file = file(line(first), line(more));

        assertEquals("timeline " + file + " line 2 has classes [NORMAL, PNEUMONIA, COVID], but line 1 has "
                + "[NORMAL, PNEUMONIA]: a timeline holds one run", refused(file));
    }

    @Test
    void anotherSetOfTechniquesIsRefused() throws Exception {
        CheckpointResult first = TimelineTest.result(1);
        CheckpointResult fewer = TimelineTest.result(2);
        fewer = new CheckpointResult(fewer.run(), fewer.model(), 2, -1, fewer.phase(), fewer.finishedAt(), 1, 1,
                fewer.sampleSize(), fewer.accuracy(), fewer.macroAuc(), fewer.classes(),
                java.util.Map.of(Technique.GRAD_CAM, fewer.technique(Technique.GRAD_CAM)), null, "", false);
        Path file = file(line(first), line(fewer));

        assertEquals("timeline " + file + " line 2 has techniques [gradcam], but line 1 has [gradcam, scorecam]: "
                + "a timeline holds one run", refused(file));
    }

    @Test
    void anAlertOfAnotherRunIsRefused() throws Exception {
        AlertEvent alert = new AlertEvent("CScoreRelativeDrop", Severity.WARNING, AlertEvent.State.FIRING, "run-b",
                "resnet50v2", 1, "gradcam", "NORMAL", 0.3, 0.5, "dropped");
        Path file = file(line(TimelineTest.result(1)), TimelineJson.toLine(alert));

        assertEquals("timeline " + file + " line 2 is of run 'run-b', but line 1 is of run 'run-a': a timeline "
                + "holds one run", refused(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"accuracy\":0.75                  | \"accuracy\":5.0                | field 'accuracy' must be in [0, 1] or null, but was 5.0",
        "\"macro_auc\":null                 | \"macro_auc\":1.5               | field 'macro_auc' must be in [0, 1] or null, but was 1.5",
        "\"auc\":0.8                        | \"auc\":-0.2                    | field 'classes[1].auc' must be in [0, 1] or null, but was -0.2",
        "\"macro\":0.625                    | \"macro\":42                    | field 'techniques.gradcam.global.macro' must be in [0, 1] or null, but was 42.0",
        "\"score\":0.625                    | \"score\":1.01                  | field 'techniques.gradcam.classes[0].score' must be in [0, 1] or null, but was 1.01",
        "\"gold_size\":7,\"auc\"            | \"gold_size\":9,\"auc\"         | field 'classes[0].gold_size' must be at most its sample_size 8, but was 9",
        "\"gold_size\":7,\"flat_maps\":1    | \"gold_size\":7,\"flat_maps\":8 | field 'techniques.gradcam.classes[0].flat_maps' must be at most its gold_size 7, but was 8",
        "\"seconds\":2.5                    | \"seconds\":-1                  | field 'seconds' must be a number of at least 0, but was -1.0",
        "\"epoch\":1                        | \"epoch\":-1                    | field 'epoch' must be an integer of at least 0, but was -1",
        "\"index\":1                        | \"index\":0                     | field 'classes[1].index' must be 1 (its position), but was 0",
    })
    void anOutOfRangeValueIsRefusedNamingItsLineAndField(String from, String to, String problem) throws Exception {
        String first = line(TimelineTest.result(1));
        String second = line(TimelineTest.result(1)).replace("\"epoch\":1", "\"epoch\":2");
        assertTrue(first.contains(from), first);
        Path file = file(second, first.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));

        assertEquals("timeline " + file + " line 2 is malformed: " + problem, refused(file));
    }
    @Test
    void theWriterRefusesToAppendARecordOfAnotherRunAndWritesNothing() throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(TimelineTest.result(1));
        }
        byte[] before = Files.readAllBytes(file);
        CheckpointResult other = TimelineTest.result(2);
        CheckpointResult otherRun = new CheckpointResult("run-b", other.model(), 2, -1, other.phase(), other.finishedAt(),
                1, 1, other.sampleSize(), other.accuracy(), other.macroAuc(), other.classes(), other.techniques(), null,
                "", false);

        try (TimelineWriter writer = TimelineWriter.resume(file)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> writer.accept(otherRun));

            assertEquals("timeline " + file + ": the record is of run 'run-b', but the file's first record is of run "
                    + "'run-a': a timeline holds one run, write another run to another file", error.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(file));
    }
}
