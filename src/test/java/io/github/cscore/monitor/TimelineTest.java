package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.cam.Technique;
import io.github.cscore.score.ClassConsistency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

class TimelineTest {

    static CheckpointResult result(int epoch) {
        Map<Technique, TechniqueResult> techniques = new EnumMap<>(Technique.class);
        techniques.put(Technique.GRAD_CAM, TechniqueResult.scored(Technique.GRAD_CAM, List.of(
                ClassConsistency.defined(0, 0.625, 7, 1),
                ClassConsistency.undefined(1, 3, 0, "gold list has 3 instances, fewer than minGoldSize 5")), 0.25));
        techniques.put(Technique.SCORE_CAM,
                TechniqueResult.skipped(Technique.SCORE_CAM, SkipReason.TIMEOUT, "over budget", 300.5));
        return new CheckpointResult("run-a", "resnet50v2", epoch, Phase.FINETUNE,
                Instant.parse("2026-11-26T12:00:00Z"), 2.5, 0.5, 16, 0.75, Double.NaN,
                List.of(new ClassMetrics(0, "NORMAL", 8, 7, Double.NaN), new ClassMetrics(1, "PNEUMONIA", 8, 3, 0.8)),
                techniques, null, "");
    }

    @Test
    void recordsReadBackAsWritten(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("deep/er/timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.open(file)) {
            writer.accept(result(1));
            writer.accept(result(2));
        }

        List<CheckpointResult> read = Timeline.read(file);

        assertEquals(2, read.size());
        CheckpointResult second = read.get(1);
        assertEquals(2, second.epoch());
        assertEquals(Phase.FINETUNE, second.phase());
        assertEquals(Instant.parse("2026-11-26T12:00:00Z"), second.finishedAt());
        assertEquals(0.75, second.accuracy());
        assertTrue(Double.isNaN(second.macroAuc()));
        assertEquals(List.of("NORMAL", "PNEUMONIA"), second.classNames());
        assertEquals(0.625, second.technique(Technique.GRAD_CAM).consistency(0));
        assertTrue(Double.isNaN(second.technique(Technique.GRAD_CAM).consistency(1)));
        assertEquals("gold list has 3 instances, fewer than minGoldSize 5",
                second.technique(Technique.GRAD_CAM).classes().get(1).undefinedReason());
        assertEquals(1, second.technique(Technique.GRAD_CAM).flatMaps(0));
        assertEquals(SkipReason.TIMEOUT, second.technique(Technique.SCORE_CAM).skipReason());
        assertEquals(0.625, second.technique(Technique.GRAD_CAM).global().worst());
    }

    @Test
    void undefinedNumbersAreWrittenAsNull(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.open(file)) {
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
        try (TimelineWriter writer = TimelineWriter.open(file)) {
            writer.accept(result(1));
        }
        try (TimelineWriter writer = TimelineWriter.open(file)) {
            writer.accept(result(2));
        }

        assertEquals(List.of(1, 2), Timeline.read(file).stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aCutOffLastLineIsSkipped(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.open(file)) {
            writer.accept(result(1));
        }
        String whole = TimelineJson.toLine(result(2));
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertEquals(List.of(1), Timeline.read(file).stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aMalformedLineInTheMiddleNamesTheFileAndLine(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("timeline.jsonl");
        Files.writeString(file, TimelineJson.toLine(result(1)) + "\n{\"schema\":7}\n" + TimelineJson.toLine(result(3)) + "\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Timeline.read(file));

        assertTrue(error.getMessage().startsWith("timeline " + file + " line 2 is malformed: unsupported timeline schema 7"),
                error.getMessage());
    }
}
