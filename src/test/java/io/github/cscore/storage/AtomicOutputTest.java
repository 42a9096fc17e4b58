package io.github.cscore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class AtomicOutputTest {

    @TempDir
    Path folder;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewFileAndReplacesAnOldOne() throws IOException {
        Path file = folder.resolve("out.txt");

        AtomicOutput.writeString(file, "first");
        AtomicOutput.writeString(file, "second");

        assertEquals("second", Files.readString(file));
        assertEquals(List.of("out.txt"), names(), "no hidden file left");
    }

    @Test
    void aWriteThatFailsHalfWayKeepsTheOldFileAndLeavesNothingBehind() throws IOException {
        Path file = folder.resolve("out.txt");
        AtomicOutput.writeString(file, "previous");

        IOException error = assertThrows(IOException.class, () -> AtomicOutput.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk gone");
        }));

        assertEquals("disk gone", error.getMessage());
        assertEquals("previous", Files.readString(file));
        assertEquals(List.of("out.txt"), names());
    }

    @Test
    void aFullDiskKeepsThePreviousFile() throws IOException {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 64 * 1024)) {
            Path file = disk.root().resolve("report.html");
            AtomicOutput.writeString(file, "previous run");
            disk.fill(0);

            IOException error = assertThrows(IOException.class,
                    () -> AtomicOutput.writeString(file, "x".repeat(100_000)));

            assertTrue(error.getMessage().contains("No space left"), error.getMessage());
            assertEquals("previous run", Files.readString(file));
        }
    }

    @Test
    void aFolderIsReplacedWholeAndTheOldOneDeleted() throws IOException {
        Path target = folder.resolve("maps");
        Files.createDirectories(target.resolve("epoch-0001"));
        Path staged = AtomicOutput.stagingSibling(target);
        Files.createDirectories(staged.resolve("epoch-0007"));

        AtomicOutput.replaceFolder(staged, target);

        assertTrue(Files.isDirectory(target.resolve("epoch-0007")));
        assertFalse(Files.exists(target.resolve("epoch-0001")));
        assertEquals(List.of("maps"), names());
    }

    @Test
    void aFolderTakesAnAbsentTargetsName() throws IOException {
        Path target = folder.resolve("maps");
        Path staged = AtomicOutput.stagingSibling(target);
        Files.createDirectories(staged.resolve("images"));

        AtomicOutput.replaceFolder(staged, target);

        assertTrue(Files.isDirectory(target.resolve("images")));
        assertEquals(List.of("maps"), names());
    }

    @Test
    void stagingNamesAreHiddenAndFresh() {
        Path target = folder.resolve("timeline.jsonl");

        Path one = AtomicOutput.stagingSibling(target);
        Path two = AtomicOutput.stagingSibling(target);

        assertTrue(one.getFileName().toString().startsWith(".timeline.jsonl-"), one.toString());
        assertTrue(one.getFileName().toString().endsWith(".tmp"), one.toString());
        assertEquals(folder.toAbsolutePath(), one.getParent());
        assertFalse(one.equals(two));
    }
    @Test
    void aDeviceIsWrittenInPlaceAndNeverReplaced() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");

        IOException error = assertThrows(IOException.class, () -> AtomicOutput.writeString(full, "x"));

        assertTrue(error.getMessage().contains("No space left"), error.getMessage());
        assertFalse(Files.isRegularFile(full), "a rename would have put a file in the device's place");
    }

    @Test
    void aLinkStaysALinkAndItsFileIsReplaced() throws IOException {
        Path real = Files.createDirectories(folder.resolve("real")).resolve("report.html");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(folder.resolve("report.html"), real);

        AtomicOutput.writeString(link, "new");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }
}
