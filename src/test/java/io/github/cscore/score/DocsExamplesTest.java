package io.github.cscore.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples and numbers of docs/cscore.md, so that the page cannot drift from the code; the
 * usage example is the page's code block itself (DocSnippetsTest).
 */
class DocsExamplesTest {

    @Test
    void usageExample() {
        int[] labels = {0, 0, 0, 1, 1};
        float[][] probabilities = TestMaps.parseRows("0.97 0.03 | 0.95 0.05 | 0.6 0.4 | 0.1 0.9 | 0.3 0.7");
        List<float[]> mapsOfAllInstances = List.of(
                TestMaps.parse("1 0.5 0 0"), TestMaps.parse("1 0 0.5 0"), TestMaps.parse("0 0 0 1"),
                TestMaps.parse("0 1 0 0"), TestMaps.parse("0 0 1 0"));

        // snippet: cscore-usage
        CScore score = new CScore(CScoreConfig.builder()
                .optMinGoldSize(2)        // default 5
                .optResolution(32)        // default 64
                .build());
        int classIndex = 0;
        int[] gold = score.goldList(labels, probabilities, classIndex);   // tau 0.9: {0, 1}
        List<float[]> maps = new ArrayList<>();
        float[] confidences = new float[gold.length];
        for (int g = 0; g < gold.length; g++) {
            maps.add(mapsOfAllInstances.get(gold[g]));                    // 2 x 2 maps here
            confidences[g] = probabilities[gold[g]][classIndex];
        }
        ClassScore result = score.scoreClass(classIndex, maps, 2, 2, confidences);
        ClassificationSummary summary = ClassificationSummary.of(labels, probabilities);
        // end-snippet

        assertArrayEquals(new int[] {0, 1}, gold);
        assertEquals(2.0 / 3, result.score(), 1e-6); // E = (1 .25 0 0), (1 0 .25 0): 1 / 1.5
        assertEquals(1.0, summary.accuracy(), 1e-12);
    }

    @Test
    void workedExample() {
        List<float[]> maps = List.of(
                TestMaps.parse("1 0.5 0 0"), TestMaps.parse("1 0 0.5 0"), TestMaps.parse("0.5 0.5 0 0"));
        CScore score = new CScore(CScoreConfig.builder().optMinGoldSize(3).build());

        ClassScore result = score.scoreClass(0, maps, 2, 2, new float[] {1.0f, 0.9f, 1.0f});

        assertEquals(1.15 / 2.8, result.score(), 1e-6);
    }

    @Nested
    class GoldListCollapse {

        private final int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};

        private float[][] rows(float[] normal, float[] pneumonia) {
            float[][] rows = new float[12][];
            for (int i = 0; i < 6; i++) {
                rows[i] = new float[] {normal[i], 1 - normal[i]};
                rows[6 + i] = new float[] {1 - pneumonia[i], pneumonia[i]};
            }
            return rows;
        }

        private final float[][] before = rows(
                TestMaps.parse("0.97 0.96 0.95 0.94 0.93 0.92"), TestMaps.parse("0.98 0.97 0.96 0.95 0.94 0.91"));
        private final float[][] after = rows(
                TestMaps.parse("0.93 0.91 0.86 0.84 0.81 0.78"), TestMaps.parse("0.97 0.95 0.94 0.92 0.91 0.90"));

        @Test
        void aucAndAccuracyStayPerfect() {
            for (float[][] rows : List.of(before, after)) {
                ClassificationSummary summary = ClassificationSummary.of(labels, rows);
                assertEquals(1.0, summary.accuracy());
                assertEquals(1.0, summary.macroAuc());
            }
        }

        @Test
        void theNormalGoldListEmptiesBelowTheMinimum() {
            assertEquals(6, GoldList.select(labels, before, 0, 0.9f).length);
            assertEquals(2, GoldList.select(labels, after, 0, 0.9f).length);
            assertEquals(6, GoldList.select(labels, after, 1, 0.9f).length);
            assertEquals(5, GoldList.select(labels, after, 0, 0.8f).length);

            ClassScore normal = CScore.ofDefaults().scoreClass(
                    0, Collections.nCopies(2, TestMaps.parse("1 0.5 0 0")), 2, 2, new float[] {0.93f, 0.91f});
            assertFalse(normal.isDefined());
            assertEquals("gold list has 2 instances, fewer than minGoldSize 5", normal.undefinedReason());
        }
    }

    @Test
    void attributionCollapse() {
        float[] left = TestMaps.parse("1 0.5 0.5 0");
        float[] right = TestMaps.parse("1 0.5 0 0.5");
        float[] flat = new float[4];
        float[] confidences = {0.95f, 0.95f, 0.95f, 0.95f, 0.95f, 0.95f};

        ClassScore healthy = CScore.ofDefaults()
                .scoreClass(1, List.of(left, left, left, right, right, right), 2, 2, confidences);
        ClassScore collapsed = CScore.ofDefaults()
                .scoreClass(1, List.of(left, left, flat, flat, flat, flat), 2, 2, confidences);

        // 6 equal pairs score 1, 9 mixed pairs 1.25 / 1.75 = 5/7: (6 + 9 * 5/7) / 15
        assertEquals((6 + 9 * 5.0 / 7) / 15, healthy.score(), 1e-6);
        assertEquals(1.0 / 15, collapsed.score(), 1e-6);
        assertEquals(4, collapsed.flatMaps());
    }

    @Test
    void classMasking() {
        GlobalScore before = GlobalScore.of(List.of(
                ClassScore.defined(0, 0.80, 8, 0), ClassScore.defined(1, 0.80, 40, 0)));
        GlobalScore after = GlobalScore.of(List.of(
                ClassScore.defined(0, 0.21, 8, 0), ClassScore.defined(1, 0.83, 40, 0)));

        assertEquals(0.80, before.weighted(), 1e-12);
        assertEquals(0.52, after.macro(), 1e-12);
        assertEquals(34.88 / 48, after.weighted(), 1e-12);   // 0.7267
        assertEquals(0.21, after.worst(), 1e-12);
        assertEquals(0, after.worstClass());
    }
}
