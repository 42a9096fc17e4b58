package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class ValidationCarveOutTest {

    private static final int NORMAL = 20;
    private static final int PNEUMONIA = 40;

    @TempDir
    Path root;

    @BeforeEach
    void writeTrainFolder() throws IOException {
        for (int i = 0; i < NORMAL; i++) {
            int value = i;
            TestImages.grey(root.resolve(String.format("train/NORMAL/n%02d.png", i)), "png", 2, 2,
                    (x, y) -> value);
        }
        for (int i = 0; i < PNEUMONIA; i++) {
            int value = 100 + i;
            TestImages.grey(root.resolve(String.format("train/PNEUMONIA/p%02d.png", i)), "png", 2, 2,
                    (x, y) -> value);
        }
    }

    private KermanyDataset load(KermanySubset split, float fraction, long seed)
            throws IOException {
        return KermanyDataset.builder().setRoot(root).optSubset(split).optImageSize(2)
                .optValidationFraction(fraction).optSeed(seed).setSampling(8, false).build();
    }

    @Test
    void validationTakesTheSameFractionOfEveryClass() throws IOException {
        KermanyDataset validation = load(KermanySubset.VALIDATION, 0.25f, 7);
        KermanyDataset train = load(KermanySubset.TRAIN, 0.25f, 7);

        assertArrayEquals(new int[] {5, 10}, validation.classCounts());
        assertArrayEquals(new int[] {15, 30}, train.classCounts());
    }

    @Test
    void trainAndValidationAreDisjointAndTogetherTheWholeFolder() throws IOException {
        List<Path> validation = load(KermanySubset.VALIDATION, 0.25f, 7).files();
        List<Path> train = load(KermanySubset.TRAIN, 0.25f, 7).files();

        Set<Path> union = new HashSet<>(validation);
        union.addAll(train);
        assertEquals(NORMAL + PNEUMONIA, union.size());
        assertEquals(NORMAL + PNEUMONIA, validation.size() + train.size());
    }

    @Test
    void sameSeedCarvesTheSameFiles() throws IOException {
        assertEquals(load(KermanySubset.VALIDATION, 0.25f, 7).files(),
                load(KermanySubset.VALIDATION, 0.25f, 7).files());
    }

    @Test
    void anotherSeedCarvesOtherFiles() throws IOException {
        assertNotEquals(load(KermanySubset.VALIDATION, 0.25f, 7).files(),
                load(KermanySubset.VALIDATION, 0.25f, 8).files());
    }

    @Test
    void carvedItemsKeepFileNameOrderWithinEachClass() throws IOException {
        List<Path> files = load(KermanySubset.VALIDATION, 0.25f, 7).files();

        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(null);
        assertEquals(sorted, files);
        assertTrue(files.get(0).toString().contains("NORMAL"));
    }

    @Test
    void pixelsFollowTheirFiles() throws IOException {
        KermanyDataset validation = KermanyDataset.builder().setRoot(root)
                .optSubset(KermanySubset.VALIDATION).optImageSize(2)
                .optNormalization(Normalization.UNIT).setSampling(8, false).build();

        for (int i = 0; i < validation.size(); i++) {
            String name = validation.files().get(i).getFileName().toString();
            int number = Integer.parseInt(name.substring(1, 3));
            int expected = name.startsWith("n") ? number : 100 + number;
            assertEquals(expected / 255f, validation.image(i)[0], 1e-6f, name);
        }
    }

    @Test
    void zeroFractionTrainsOnTheWholeFolder() throws IOException {
        assertArrayEquals(new int[] {NORMAL, PNEUMONIA},
                load(KermanySubset.TRAIN, 0f, 7).classCounts());
    }

    @ParameterizedTest
    @CsvSource({
        // class size, fraction, validation images: round(fraction * n) clamped to [1, n - 1]
        "1341, 0.1, 134",
        "3875, 0.1, 388", // 387.5 rounds up
        "10, 0.01, 1", //    0.1 rounds to 0, raised to 1
        "3, 0.9, 2", //      2.7 rounds to 3, lowered to n - 1
        "50, 0, 0"
    })
    void validationCountRoundsAndKeepsBothSidesNonEmpty(int size, double fraction, int expected) {
        assertEquals(expected, ValidationCarveOut.validationCount(size, fraction, Path.of("x")));
    }
}
