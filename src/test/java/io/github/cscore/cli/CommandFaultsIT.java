package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.cscore.testing.CommandProcess;
import io.github.cscore.testing.DiskFiller;
import io.github.cscore.testing.FileTree;
import io.github.cscore.testing.SmallDisk;
import io.github.cscore.testing.WholeFiles;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every command that writes, run as a user runs it (its own JVM, its real exit status and stderr),
 * at the smallest scale it accepts, against the faults of docs/failure-behaviour.md: a full disk, a
 * read-only output folder, a file where an output folder should be, and a kill -9 at seeded random
 * points. Each case starts from a previous output in the folder (one shared set of real runs) and
 * asserts that it is intact, byte for byte, or replaced by a new output that is whole; that no file
 * under an output's real name is cut off; and that the exit status is 0 only when everything was
 * written.
 */
class CommandFaultsIT {

    /** Big enough for any previous output here; the tests fill it up themselves. */
    private static final long DISK_BYTES = 24L * 1024 * 1024;
    private static final List<String> TINY_DEMO = List.of("--train-per-class", "20", "--transfer-epochs", "1",
            "--finetune-epochs", "1", "--input", "32", "--sample-per-class", "5", "--techniques", "gradcam",
            "--metrics-port", "0", "--seed", "7");
    private static final List<String> TINY_STUDY = List.of("--seeds", "3", "--techniques", "gradcam",
            "--train-per-class", "20", "--evaluation-per-class", "2", "--transfer-epochs", "1", "--finetune-epochs",
            "3", "--checkpoint-every-steps", "2", "--sample-per-class", "5", "--jobs", "1");
    /** The study's reruns add this run to the previous study's healthy run. */
    private static final String NEW_STUDY_RUN = "label-noise-s3";

    /** The previous outputs every case starts from: a demo with its checkpoints, their evaluation, a study. */
    @TempDir
    static Path fixture;

    @TempDir
    Path work;

    @BeforeAll
    static void makeThePreviousOutputs() throws Exception {
        Path logs = fixture.resolve("logs");
        Path demo = fixture.resolve("demo");
        List<String> demoArgs = new ArrayList<>(List.of("demo", "--out", demo.toString(), "--save-checkpoints"));
        demoArgs.addAll(TINY_DEMO);
        assertSucceeds(CommandProcess.run(logs, demoArgs));
        assertSucceeds(CommandProcess.run(logs, List.of("evaluate", demo.resolve("checkpoints").toString(),
                "--data", demo.resolve("chest_xray").toString(), "--out", fixture.resolve("evaluation").toString())));
        List<String> studyArgs = new ArrayList<>(List.of("study", "--out", fixture.resolve("study").toString(),
                "--scenarios", "healthy"));
        studyArgs.addAll(TINY_STUDY);
        assertSucceeds(CommandProcess.run(logs, studyArgs));
    }

    private static void assertSucceeds(CommandProcess.Result result) {
        assertEquals(0, result.status(), "a previous output for the fault cases: " + result);
    }

    /** A command that writes: how its previous output is laid down, how it is run again, what it must write. */
    enum Command {
        DEMO(Set.of("chest_xray"), List.of("timeline.jsonl", "timeline-maps", "report.html"), 8_000) {
            @Override
            void layPrevious(Path out) throws IOException {
                copy(fixture.resolve("demo"), out, Set.of("checkpoints"));
            }

            @Override
            List<String> args(Path out) {
                List<String> args = new ArrayList<>(List.of("demo", "--out", out.toString()));
                args.addAll(TINY_DEMO);
                return args;
            }

            @Override
            String incompleteness(Path out) throws IOException {
                return checkpoints(out.resolve("timeline.jsonl"), 2)
                        + (Files.isDirectory(out.resolve("timeline-maps/epoch-0002")) ? "" : " the last maps are missing");
            }
        },
        EVALUATE(Set.of(), List.of("timeline.jsonl"), 3_000) {
            @Override
            void layPrevious(Path out) throws IOException {
                copy(fixture.resolve("evaluation"), out, Set.of());
            }

            @Override
            List<String> args(Path out) {
                Path demo = fixture.resolve("demo");
                return List.of("evaluate", demo.resolve("checkpoints").toString(), "--data",
                        demo.resolve("chest_xray").toString(), "--out", out.toString());
            }

            @Override
            String incompleteness(Path out) {
                return checkpoints(out.resolve("timeline.jsonl"), 2);
            }
        },
        REPORT(Set.of(), List.of("report.html"), 300) {
            /** The demo's report, which the evaluation's differs from. */
            @Override
            void layPrevious(Path out) throws IOException {
                Files.createDirectories(out);
                Files.copy(fixture.resolve("demo/report.html"), out.resolve("report.html"));
            }

            @Override
            List<String> args(Path out) {
                return List.of("report", fixture.resolve("evaluation/timeline.jsonl").toString(), "--out", out.toString());
            }
        },
        PRETRAIN(Set.of(), List.of("backbone.cscore"), 300) {
            /** The study's backbone, a good one written by the same code. */
            @Override
            void layPrevious(Path out) throws IOException {
                Files.createDirectories(out);
                try (Stream<Path> files = Files.list(fixture.resolve("study/backbones"))) {
                    Files.copy(files.findFirst().orElseThrow(), out.resolve("backbone.cscore"));
                }
            }

            @Override
            List<String> args(Path out) {
                return List.of("pretrain", "--out", out.resolve("backbone.cscore").toString(), "--epochs", "1",
                        "--train-per-class", "10", "--input", "32", "--width", "0.125", "--seed", "7");
            }
        },
        STUDY(Set.of(), List.of("summary.csv", "summary.md", "runs"), 10_000) {
            @Override
            void layPrevious(Path out) throws IOException {
                copy(fixture.resolve("study"), out, Set.of());
            }

            /** The previous study's settings with one more scenario: one run to make, then the summary. */
            @Override
            List<String> args(Path out) {
                List<String> args = new ArrayList<>(List.of("study", "--out", out.toString(), "--scenarios",
                        "healthy,label-noise"));
                args.addAll(TINY_STUDY);
                return args;
            }

            @Override
            String incompleteness(Path out) throws IOException {
                boolean made = Files.isRegularFile(out.resolve("runs").resolve(NEW_STUDY_RUN).resolve(StudyRunner.RUN));
                boolean summarised = Files.readString(out.resolve("summary.md")).contains("label-noise");
                return (made ? "" : "the new run is not complete;") + (summarised ? "" : " the summary leaves it out");
            }
        };

        /** Entries of the folder the command reads and must never change. */
        final Set<String> inputs;
        /** Entries a run that exits 0 must have written anew. */
        final List<String> outputs;
        /** The longest a killed run goes on after it began to write its outputs. */
        final int killMillis;

        Command(Set<String> inputs, List<String> outputs, int killMillis) {
            this.inputs = inputs;
            this.outputs = outputs;
            this.killMillis = killMillis;
        }

        /** Writes the previous output into a folder. */
        abstract void layPrevious(Path out) throws IOException;

        /** The command line that writes into a folder. */
        abstract List<String> args(Path out);

        /** What a new output that is whole file by file still lacks, or "" if it is complete. */
        String incompleteness(Path out) throws IOException {
            return "";
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void aDiskFullFromTheStartKeepsThePreviousOutputAndExitsNonZero(Command command) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("disk"), DISK_BYTES)) {
            Path out = disk.root().resolve("out");
            command.layPrevious(out);
            Map<String, String> before = FileTree.of(out);
            disk.fill(0);

            CommandProcess.Result result = CommandProcess.run(work.resolve("logs"), command.args(out));

            report(command, "disk full from the start", result);
            assertPreviousIntactOrNewOneWhole(command, out, before, result);
            assertNotEquals(0, result.status(), "not a byte could be written: " + result);
            assertNoStackTrace(result);
        }
    }

    /**
     * The disk fills up while the command writes: as soon as anything in the output folder changes
     * (a first record, a writer's temporary file), a filler takes every byte left. Where the
     * command then is varies from run to run; what is asserted holds wherever it is.
     */
    @ParameterizedTest
    @EnumSource(Command.class)
    void aDiskFillingUpWhileTheCommandWritesKeepsThePreviousOutputOrTheNewOneIsWholeAndOnlyThatExitsZero(
            Command command) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("disk"), DISK_BYTES)) {
            Path out = disk.root().resolve("out");
            command.layPrevious(out);
            Map<String, String> before = FileTree.of(out);
            DiskFiller filler = DiskFiller.start(disk, out, OutputLock.FILE_NAME);

            CommandProcess.Result result = CommandProcess.run(work.resolve("logs"), command.args(out));

            filler.stop();
            report(command, "disk filled up " + (filler.filled() ? "at its first write" : "never: nothing written"),
                    result);
            assertPreviousIntactOrNewOneWhole(command, out, before, result);
            assertNoStackTrace(result);
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void aReadOnlyOutputFolderIsRefusedInOneLineAndLeftAsItWas(Command command) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("disk"), DISK_BYTES)) {
            Path out = disk.root().resolve("out");
            command.layPrevious(out);
            Map<String, String> before = FileTree.of(out);
            disk.readOnly();

            CommandProcess.Result result = CommandProcess.run(work.resolve("logs"), command.args(out));

            report(command, "read-only --out", result);
            assertRefusedInOneLineNaming(out, result);
            assertRefusedBeforeAnyTraining(result);
            assertEquals(before, FileTree.of(out));
            assertNoStackTrace(result);
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void aFileWhereTheOutputFolderShouldBeIsRefusedInOneLineAndLeftAlone(Command command) throws Exception {
        Path notAFolder = Files.writeString(work.resolve("out"), "a file of the user's\n");

        CommandProcess.Result result = CommandProcess.run(work.resolve("logs"), command.args(notAFolder));

        report(command, "a file where the output folder should be", result);
        assertRefusedInOneLineNaming(notAFolder, result);
        assertTrue(result.errLines().get(0).contains("not a folder"), "says what is wrong with it: " + result);
        assertRefusedBeforeAnyTraining(result);
        assertEquals("a file of the user's\n", Files.readString(notAFolder));
        assertNoStackTrace(result);
    }

    @Test
    void aFileWhereTheDemosMapsFolderShouldBeIsRefusedInOneLineAndLeftAlone() throws Exception {
        Path out = work.resolve("out");
        Command.DEMO.layPrevious(out);
        Path maps = out.resolve("timeline-maps");
        deleteTree(maps);
        Files.writeString(maps, "a file of the user's\n");
        Map<String, String> before = FileTree.of(out);

        CommandProcess.Result result = CommandProcess.run(work.resolve("logs"), Command.DEMO.args(out));

        report(Command.DEMO, "a file where timeline-maps should be", result);
        assertRefusedInOneLineNaming(maps, result);
        assertEquals("a file of the user's\n", Files.readString(maps));
        assertPreviousIntactOrNewOneWhole(Command.DEMO, out, before, result);
        assertNoStackTrace(result);
    }

    static Stream<Arguments> commandsKilledAtSeededPoints() {
        return Stream.of(Command.values()).flatMap(command -> Stream.of(arguments(command, 1), arguments(command, 2)));
    }

    @ParameterizedTest(name = "{0}, kill {1}")
    @MethodSource("commandsKilledAtSeededPoints")
    void aCommandKilledAtARandomPointLeavesThePreviousOutputOrTheNewOnesCompleteRecords(Command command, int kill)
            throws Exception {
        Random random = new Random(2000 + 10L * command.ordinal() + kill);
        Path out = work.resolve("out");
        command.layPrevious(out);
        Map<String, String> before = FileTree.of(out);

        Map<String, String> untouched = outputListing(out, command.outputs);
        CommandProcess.Result result = CommandProcess.killAtRandom(work.resolve("logs"), command.args(out), random,
                command.killMillis, () -> !Objects.equals(outputListing(out, command.outputs), untouched));

        report(command, "kill " + kill, result);
        assertPreviousIntactOrNewOneWhole(command, out, before, result);
        assertNoStackTrace(result);
    }

    /**
     * The rule of docs/failure-behaviour.md, entry by entry of the output folder: each is the
     * previous one byte for byte, or a new one whose every file is whole; an input is never
     * changed; nothing of the previous output is simply gone; and exit 0 only with every output
     * written anew and complete.
     */
    private static void assertPreviousIntactOrNewOneWhole(Command command, Path out, Map<String, String> before,
            CommandProcess.Result result) throws IOException {
        Map<String, String> after = FileTree.of(out);
        Set<String> entries = new TreeSet<>(topLevel(before));
        entries.addAll(topLevel(after));
        List<String> changed = new ArrayList<>();
        for (String entry : entries) {
            if (!subtree(before, entry).equals(subtree(after, entry))) {
                changed.add(entry);
            }
        }
        // Only what the command wrote must be whole: an entry left byte for byte as it was (a
        // user's own file where an output goes, say) is the previous output, whatever it holds.
        List<String> problems = new ArrayList<>(WholeFiles.problems(out).stream()
                .filter(problem -> changed.contains(problem.split("[/:]", 2)[0]))
                .map(p -> "not whole: " + p).toList());
        for (String entry : changed) {
            Map<String, String> now = subtree(after, entry);
            if (command.inputs.contains(entry)) {
                problems.add(entry + " is read, not written, but it changed");
            } else if (now.isEmpty() && !setAside(after, entry)) {
                problems.add(entry + " of the previous output is gone, and nothing replaced it");
            }
        }
        System.out.printf("%s: written anew: %s%n", command, changed);
        if (result.status() == 0) {
            for (String output : command.outputs) {
                if (subtree(before, output).equals(subtree(after, output)) || subtree(after, output).isEmpty()) {
                    problems.add("exit 0, but " + output + " was not written");
                }
            }
            String lacking = problems.isEmpty() ? command.incompleteness(out) : "";
            if (!lacking.isBlank()) {
                problems.add("exit 0, but the new output is incomplete: " + lacking.strip());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + result);
    }

    private static void assertRefusedInOneLineNaming(Path path, CommandProcess.Result result) {
        assertTrue(result.status() == 1 || result.status() == 2, "refused with status 1 or 2: " + result);
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), "one line on stderr: " + result);
        assertTrue(lines.get(0).contains(path.toString()), "the line names " + path + ": " + result);
    }

    /** An output folder that cannot be used is refused at the start, not after the work. */
    private static void assertRefusedBeforeAnyTraining(CommandProcess.Result result) {
        assertFalse(result.out().toLowerCase(Locale.ROOT).contains("epoch"), "refused before any training: " + result);
    }

    /** Prints one line per case in the test's output, so that a run shows what each command did. */
    private static void report(Command command, String fault, CommandProcess.Result result) {
        List<String> err = result.errLines();
        System.out.printf("%s, %s: exit %d, %d stderr lines%s%n", command, fault, result.status(), err.size(),
                err.isEmpty() ? "" : ", the first: " + err.get(0));
    }

    /** Whatever went wrong, no stack trace without {@code --verbose}; checked last, after what is worse. */
    private static void assertNoStackTrace(CommandProcess.Result result) {
        assertFalse(result.errLines().stream().anyMatch(line -> line.startsWith("\tat ")),
                "no stack trace without --verbose: " + result);
    }

    /** "" if a timeline holds all its checkpoints, else what it lacks. */
    private static String checkpoints(Path timeline, int expected) {
        int read = Timeline.read(timeline).checkpoints().size();
        return read == expected ? "" : timeline.getFileName() + " holds " + read + " of " + expected + " checkpoints;";
    }

    /**
     * The files of a command's outputs, and of the hidden ones it writes them under first
     * ({@code .<name>-<random>.tmp}, a staged folder), each with its size and time of change; a
     * change means it began to write them. Null while a file vanishes as it is listed (a change too).
     */
    private static Map<String, String> outputListing(Path out, List<String> outputs) {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String entry = out.relativize(path).getName(0).toString().replaceFirst("^\\.", "");
                if (outputs.stream().anyMatch(entry::startsWith)) {
                    listing.put(out.relativize(path).toString(), Files.size(path) + " " + Files.getLastModifiedTime(path));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        return listing;
    }

    /** Top-level names that are not hidden (a lock, a writer's leftovers are not outputs). */
    private static Set<String> topLevel(Map<String, String> tree) {
        return tree.keySet().stream().filter(name -> !name.isEmpty()).map(name -> name.split("/")[0])
                .filter(name -> !name.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> subtree(Map<String, String> tree, String entry) {
        Map<String, String> subtree = new TreeMap<>();
        tree.forEach((name, digest) -> {
            if (name.equals(entry) || name.startsWith(entry + "/")) {
                subtree.put(name, digest);
            }
        });
        return subtree;
    }

    /** A folder swapped out by a kill between two renames: whole, under {@code .<name>-<random>.previous}. */
    private static boolean setAside(Map<String, String> tree, String entry) {
        return tree.keySet().stream().anyMatch(name -> name.startsWith("." + entry + "-") && name.endsWith(".previous"));
    }

    /** Copies a folder's visible entries, leaving out some top-level names. */
    private static void copy(Path from, Path to, Set<String> leftOut) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path relative = from.relativize(path);
            boolean leftOutEntry = !relative.toString().isEmpty() && leftOut.contains(relative.getName(0).toString());
            if (leftOutEntry || WholeFiles.isHidden(from, path)) {
                continue;
            }
            Path target = to.resolve(relative.toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                Files.copy(path, target);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
