package io.github.cscore.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.testing.Seeds;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Properties of the timeline writer and reader, each checked on a few hundred seeded random runs
 * ({@link Seeds}): any sequence of records round-trips; a file cut at any byte reads as exactly
 * the records before the cut; garbage is refused naming its line, or, as the last line without a
 * newline, left out as cut off. Never a silent misreading. What no reader can tell (a digit
 * changed inside a valid record) is outside these properties: see docs/timeline.md.
 */
class TimelinePropertiesTest {

    private static final Pattern LINE = Pattern.compile("^timeline \\S+ line (\\d+) ");

    @TempDir
    Path folder;

    /** Writes the records with the writer; returns the file. */
    private Path write(String name, List<Object> records) throws Exception {
        Path file = folder.resolve(name);
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            for (Object record : records) {
                if (record instanceof CheckpointResult result) {
                    writer.accept(result);
                } else {
                    writer.append((AlertEvent) record);
                }
            }
        }
        return file;
    }

    /** The file the writer would write, without forcing each record to disk: for the reading properties. */
    private Path lines(String name, List<Object> records) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Object record : records) {
            text.append(record instanceof CheckpointResult result ? TimelineJson.toLine(result)
                    : TimelineJson.toLine((AlertEvent) record)).append('\n');
        }
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<Object> recordsOf(Timeline timeline) {
        // The reader keeps checkpoints and alerts apart; the order within each kind is the file's.
        List<Object> records = new ArrayList<>(timeline.checkpoints());
        records.addAll(timeline.alerts());
        return records;
    }

    private static List<Object> byKind(List<Object> records) {
        List<Object> sorted = new ArrayList<>(records.stream().filter(CheckpointResult.class::isInstance).toList());
        sorted.addAll(records.stream().filter(AlertEvent.class::isInstance).toList());
        return sorted;
    }

    private static int lineOf(IllegalArgumentException error) {
        Matcher matcher = LINE.matcher(error.getMessage());
        if (!matcher.find()) {
            fail("the error names no line: " + error.getMessage());
        }
        return Integer.parseInt(matcher.group(1));
    }

    @TestFactory
    Stream<DynamicTest> anySequenceOfRecordsRoundTrips() {
        return Seeds.check(200, seed -> {
            RandomRecords run = new RandomRecords(seed);
            List<Object> records = run.records(run.random().nextInt(12));
            Path file = write("roundtrip-" + seed + ".jsonl", records);

            Timeline read = Timeline.read(file);

            assertEquals(byKind(records), recordsOf(read));
            assertEquals(0, read.cutOffBytes());
        });
    }

    @TestFactory
    Stream<DynamicTest> aCutAtAnyByteReadsAsTheRecordsBeforeIt() {
        return Seeds.check(50, seed -> {
            RandomRecords run = new RandomRecords(seed);
            List<Object> records = run.records(1 + run.random().nextInt(5));
            byte[] whole = Files.readAllBytes(lines("whole-" + seed + ".jsonl", records));
            Path cut = folder.resolve("cut-" + seed + ".jsonl");
            for (int length : cuts(whole, run.random())) {
                Files.write(cut, Arrays.copyOf(whole, length));
                int complete = 0;
                int lastNewline = -1;
                for (int i = 0; i < length; i++) {
                    if (whole[i] == '\n') {
                        complete++;
                        lastNewline = i;
                    }
                }

                Timeline read = Timeline.read(cut);

                assertEquals(byKind(records.subList(0, complete)), recordsOf(read), "cut at byte " + length);
                assertEquals(length - lastNewline - 1, read.cutOffBytes(), "cut at byte " + length);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aGarbageLineIsRefusedNamingItsLine() {
        return Seeds.check(200, seed -> {
            RandomRecords run = new RandomRecords(seed);
            Random random = run.random();
            List<Object> records = run.records(1 + random.nextInt(6));
            List<String> lines = new ArrayList<>(Files.readAllLines(lines("g-" + seed + ".jsonl", records)));
            int at = random.nextInt(lines.size() + 1);
            String garbage = garbage(random);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i <= lines.size(); i++) {
                // Records as the writer wrote them (UTF-8); the garbage as raw bytes, any of 0 to 255.
                byte[] line = i == at ? garbage.getBytes(StandardCharsets.ISO_8859_1)
                        : lines.get(i < at ? i : i - 1).getBytes(StandardCharsets.UTF_8);
                bytes.write(line);
                bytes.write('\n');
            }
            Path file = Files.write(folder.resolve("garbage-" + seed + ".jsonl"), bytes.toByteArray());

            try {
                Timeline read = Timeline.read(file);
                assertTrue(garbage.isBlank(), "garbage read without a word: '" + garbage + "'");
                assertEquals(byKind(records), recordsOf(read));
            } catch (IllegalArgumentException e) {
                assertEquals(at + 1, lineOf(e), e.getMessage());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> garbageAfterTheLastNewlineIsLeftOutAsCutOff() {
        return Seeds.check(100, seed -> {
            RandomRecords run = new RandomRecords(seed);
            List<Object> records = run.records(1 + run.random().nextInt(4));
            byte[] whole = Files.readAllBytes(lines("t-" + seed + ".jsonl", records));
            byte[] tail = garbage(run.random()).getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(whole);
            bytes.write(tail);
            Path file = Files.write(folder.resolve("tail-" + seed + ".jsonl"), bytes.toByteArray());

            Timeline read = Timeline.read(file);

            assertEquals(byKind(records), recordsOf(read));
            assertEquals(tail.length, read.cutOffBytes());
        });
    }

    @TestFactory
    Stream<DynamicTest> twoRecordsGluedTogetherAreRefusedNamingTheLine() {
        return Seeds.check(150, seed -> {
            RandomRecords run = new RandomRecords(seed);
            Random random = run.random();
            List<Object> records = run.records(2 + random.nextInt(5));
            List<String> lines = new ArrayList<>(Files.readAllLines(lines("j-" + seed + ".jsonl", records)));
            // A fragment of a failed write, then the next record on the same line.
            int at = random.nextInt(lines.size() - 1);
            String line = lines.get(at);
            int cut = random.nextInt(line.length() + 1);
            // A write cut off inside a character leaves bytes, not half a UTF-16 pair: keep the pair whole.
            if (cut > 0 && cut < line.length() && Character.isLowSurrogate(line.charAt(cut))) {
                cut--;
            }
            String fragment = line.substring(0, cut);
            lines.set(at, fragment + lines.remove(at + 1));
            Path file = Files.write(folder.resolve("glued-" + seed + ".jsonl"), lines);

            try {
                Timeline.read(file);
                fail("a glued line was read");
            } catch (IllegalArgumentException e) {
                assertEquals(at + 1, lineOf(e), e.getMessage());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aRecordOfAnotherRunIsRefusedNamingItsLine() {
        return Seeds.check(150, seed -> {
            RandomRecords run = new RandomRecords(seed);
            Random random = run.random();
            List<Object> records = new ArrayList<>(run.records(1 + random.nextInt(5)));
            records.set(0, run.checkpoint());
            int at = 1 + random.nextInt(records.size());
            records.add(at, run.ofAnotherRun(run.checkpoint()));
            List<String> lines = new ArrayList<>();
            for (Object record : records) {
                lines.add(record instanceof CheckpointResult result ? TimelineJson.toLine(result)
                        : TimelineJson.toLine((AlertEvent) record));
            }
            Path file = Files.write(folder.resolve("other-" + seed + ".jsonl"), lines);

            try {
                Timeline.read(file);
                fail("a record of another run was read as this run's");
            } catch (IllegalArgumentException e) {
                assertEquals(at + 1, lineOf(e), e.getMessage());
            }
        });
    }

    /**
     * Where to cut: every byte of a short file; of a longer one, each record's first and last two
     * bytes and its newline's neighbours, where a reader is most likely to slip, and 30 more at
     * random.
     */
    private static List<Integer> cuts(byte[] whole, Random random) {
        List<Integer> cuts = new ArrayList<>();
        if (whole.length <= 600) {
            for (int length = 0; length <= whole.length; length++) {
                cuts.add(length);
            }
            return cuts;
        }
        cuts.add(0);
        cuts.add(whole.length);
        for (int i = 0; i < whole.length; i++) {
            if (whole[i] == '\n') {
                for (int d = -2; d <= 3; d++) {
                    cuts.add(Math.max(0, Math.min(whole.length, i + d)));
                }
            }
        }
        for (int i = 0; i < 30; i++) {
            cuts.add(random.nextInt(whole.length + 1));
        }
        return cuts;
    }

    /** Random bytes without a newline: sometimes blank, sometimes JSON-like, sometimes binary. */
    private static String garbage(Random random) {
        String[] shapes = {"", " ", "{", "}", "[]", "null", "{\"schema\":2}", "\u00ff\u00fe", "{\"a\":1}{", "\"x\""};
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            if (random.nextBoolean()) {
                text.append(shapes[random.nextInt(shapes.length)]);
            } else {
                char c = (char) random.nextInt(256);
                text.append(c == '\n' ? ' ' : c);
            }
        }
        return text.toString();
    }
}
