package io.github.cscore.data.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.data.KermanyFolder;
import io.github.cscore.testing.FileTree;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * A phantom folder is reused only if its content is what the generator wrote: images deleted,
 * replaced or added after generation are noticed by their SHA-256 and the folder is generated
 * again, in a staged folder swapped in whole, so the same seed always trains on the same images.
 */
class PhantomReuseTest {

    @TempDir
    Path folder;
    private Path root;
    private final List<String> said = new ArrayList<>();

    private static ChestPhantoms phantoms(long seed) {
        return ChestPhantoms.builder().optSeed(seed).optImageSize(32)
                .optImagesPerClass(KermanyFolder.TRAIN, 3)
                .optImagesPerClass(KermanyFolder.VAL, 1)
                .optImagesPerClass(KermanyFolder.TEST, 1)
                .build();
    }

    @BeforeEach
    void generate() throws IOException {
        root = folder.resolve("chest_xray");
        assertEquals(ChestPhantoms.Preparation.GENERATED, phantoms(5).prepare(root, said::add));
        said.clear();
    }

    private Map<String, String> fresh() throws IOException {
        Path other = folder.resolve("fresh");
        phantoms(5).writeTo(other);
        return FileTree.of(other);
    }

    @Test
    void anUnchangedFolderIsReusedAsItIs() throws IOException {
        Map<String, String> before = FileTree.of(root);

        assertEquals(ChestPhantoms.Preparation.REUSED, phantoms(5).prepare(root, said::add));

        assertEquals(before, FileTree.of(root));
        assertEquals(List.of("using the phantoms in " + root), said);
    }

    @Test
    void theListingIsWhatSha256sumChecks() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(ChestPhantoms.DIGESTS_FILE_NAME));

        assertEquals(2 * (3 + 1 + 1) + 1, lines.size(), "every image and phantoms.csv");
        assertTrue(lines.contains(io.github.cscore.storage.Sha256.of(root.resolve("train/NORMAL/phantom-00002.png"))
                + "  train/NORMAL/phantom-00002.png"), lines.toString());
    }

    @Test
    void aDeletedImageIsGeneratedAgainAndTheMessageSaysWhich() throws IOException {
        Files.delete(root.resolve("train/PNEUMONIA/phantom-00001.png"));

        assertEquals(ChestPhantoms.Preparation.REGENERATED, phantoms(5).prepare(root, said::add));

        assertEquals(fresh(), FileTree.of(root));
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("the phantoms in " + root + " were changed after they were generated "
                + "(train/PNEUMONIA/phantom-00001.png is missing); generating them again"), said.get(0));
    }

    @Test
    void anImageReplacedByJunkIsGeneratedAgain() throws IOException {
        Files.writeString(root.resolve("val/NORMAL/phantom-00000.png"), "junk");

        assertEquals(ChestPhantoms.Preparation.REGENERATED, phantoms(5).prepare(root, said::add));

        assertEquals(fresh(), FileTree.of(root));
        assertTrue(said.get(0).contains("val/NORMAL/phantom-00000.png differs from what was generated"), said.get(0));
    }

    @Test
    void anImageReplacedByAHugeOneIsGeneratedAgain() throws IOException {
        ImageIO.write(new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY), "png",
                root.resolve("test/PNEUMONIA/phantom-00000.png").toFile());

        assertEquals(ChestPhantoms.Preparation.REGENERATED, phantoms(5).prepare(root, said::add));

        assertEquals(fresh(), FileTree.of(root));
    }

    @Test
    void anAddedImageIsNoticedAndRemoved() throws IOException {
        Files.copy(root.resolve("train/NORMAL/phantom-00000.png"), root.resolve("train/NORMAL/extra.png"));

        assertEquals(ChestPhantoms.Preparation.REGENERATED, phantoms(5).prepare(root, said::add));

        assertFalse(Files.exists(root.resolve("train/NORMAL/extra.png")));
        assertTrue(said.get(0).contains("train/NORMAL/extra.png was not generated"), said.get(0));
    }

    @Test
    void aFolderWrittenBeforeDigestsIsGeneratedAgain() throws IOException {
        Files.delete(root.resolve(ChestPhantoms.DIGESTS_FILE_NAME));

        assertEquals(ChestPhantoms.Preparation.REGENERATED, phantoms(5).prepare(root, said::add));

        assertEquals(fresh(), FileTree.of(root));
        assertTrue(said.get(0).contains(ChestPhantoms.DIGESTS_FILE_NAME + " is missing"), said.get(0));
    }

    @Test
    void phantomsOfOtherSettingsAreRefusedAndLeftAlone() throws IOException {
        Map<String, String> before = FileTree.of(root);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> phantoms(6).prepare(root, said::add));

        assertEquals(root + " holds phantoms made with other settings: seed 5 (here 6); delete it or choose "
                + "another folder", error.getMessage());
        assertEquals(before, FileTree.of(root));
    }

    @Test
    void anEmptyFolderIsFilled() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));

        assertEquals(ChestPhantoms.Preparation.GENERATED, phantoms(5).prepare(empty, said::add));

        assertEquals(List.of("generating synthetic chest radiographs in " + empty + " ..."), said);
        assertTrue(Files.isRegularFile(empty.resolve(ChestPhantoms.SETTINGS_FILE_NAME)));
    }
}
