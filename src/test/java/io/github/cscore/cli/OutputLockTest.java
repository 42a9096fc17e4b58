package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cscore.testing.SmallDisk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/** An output folder that cannot be written is said of the option and the folder, not of the lock file in it. */
class OutputLockTest {

    @Test
    void aReadOnlyFileSystemIsSaidOfTheOptionAndTheFolder(@TempDir Path folder) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(folder.resolve("disk"), 1 << 20)) {
            Path out = disk.root().resolve("out");
            disk.readOnly();

            UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> OutputLock.claim(out, "--out"));

            assertEquals("cscore: --out " + out + ": cannot write there: Read-only file system",
                    "cscore: " + CScoreCommand.describe(error));
            disk.writable();
        }
    }
}
