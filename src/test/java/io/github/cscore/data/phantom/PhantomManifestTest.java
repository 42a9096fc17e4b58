package io.github.cscore.data.phantom;

import io.github.cscore.data.KermanyFolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

class PhantomManifestTest {

    @TempDir
    Path dir;

    private static final PhantomAnnotation NORMAL = new PhantomAnnotation(
            "train/NORMAL/phantom-00000.png", KermanyFolder.TRAIN, "NORMAL", 128, false,
            Optional.empty(), List.of());
    private static final PhantomAnnotation PNEUMONIA = new PhantomAnnotation(
            "test/PNEUMONIA/phantom-00007.png", KermanyFolder.TEST, "PNEUMONIA", 64, true,
            Optional.of(new Box(3, 4, 9, 10)),
            List.of(new Opacity(Opacity.Lung.RIGHT, new Box(10, 20, 18, 31)),
                    new Opacity(Opacity.Lung.LEFT, new Box(40, 22, 47, 30))));

    @Test
    void writesOneLinePerImageUnderAHeader() throws IOException {
        Path file = dir.resolve("phantoms.csv");

        PhantomManifest.write(file, List.of(NORMAL, PNEUMONIA));

        assertEquals(List.of(
                "file,folder,class,size,channels,marker,opacities",
                "train/NORMAL/phantom-00000.png,train,NORMAL,128,1,,",
                "test/PNEUMONIA/phantom-00007.png,test,PNEUMONIA,64,3,3 4 9 10,"
                        + "RIGHT 10 20 18 31;LEFT 40 22 47 30"), Files.readAllLines(file));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = dir.resolve("phantoms.csv");
        PhantomManifest.write(file, List.of(NORMAL, PNEUMONIA));

        assertEquals(List.of(NORMAL, PNEUMONIA), PhantomManifest.read(file));
        assertEquals(1, PhantomManifest.read(file).get(1).label());
    }

    @Test
    void rejectsAFileWithoutTheHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("other.csv"), "a,b,c\n");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PhantomManifest.read(file));
        assertEquals("manifest must start with the header '" + PhantomManifest.HEADER + "': " + file,
                e.getMessage());
    }

    @Test
    void rejectsAMalformedLineNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), PhantomManifest.HEADER + "\n"
                + "train/NORMAL/a.png,train,NORMAL,64,1,,\n"
                + "train/PNEUMONIA/b.png,train,PNEUMONIA,64,1,,MIDDLE 1 2 3 4\n");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PhantomManifest.read(file));
        assertEquals("malformed manifest line 3 of " + file
                + ": No enum constant io.github.cscore.data.phantom.Opacity.Lung.MIDDLE", e.getMessage());
    }
}
