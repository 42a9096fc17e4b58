package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class ModelSummaryTest {

    @Test
    void rowsHoldReferenceAndScaledCountsForEveryArchitecture() {
        List<ModelSummary.Row> rows = ModelSummary.rows(NetworkConfig.demo());

        assertEquals(6, rows.size());
        for (int i = 0; i < 3; i++) {
            Architecture architecture = Architecture.values()[i];
            ModelSummary.Row reference = rows.get(2 * i);
            ModelSummary.Row scaled = rows.get(2 * i + 1);
            assertEquals(architecture, reference.architecture());
            assertEquals(architecture.referenceParameterCount(), reference.parameterCount());
            assertEquals(architecture.referenceInputSize(), reference.inputSize());
            assertEquals(64, scaled.inputSize());
            assertEquals(2, scaled.numClasses());
            assertEquals(architecture.tapShapes(NetworkConfig.demo()), scaled.tapShapes());
        }
    }

    @Test
    void backboneCountIsTheTotalLessTheDenseLayer() {
        ModelSummary.Row row = ModelSummary.row(Architecture.RESNET50_V2, "reference", NetworkConfig.reference());

        // dense layer: 2048 x 1000 weights + 1000 biases
        assertEquals(25_613_800L - 2_049_000L, row.backboneParameterCount());
    }

    @Test
    void tableShowsOneLinePerRowWithGroupedCounts() {
        ModelSummary.Row row = new ModelSummary.Row(Architecture.INCEPTION_V3, "reference", 299, 1f, 1000,
                23_851_784L, 21_802_784L, Map.of("backbone/mixed10", new Shape(2048, 8, 8)));

        String[] lines = ModelSummary.table(List.of(row)).split("\n");

        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("architecture"), lines[0]);
        assertEquals("inceptionv3  reference   299  1.00    1000   23,851,784   21,802,784  mixed10 2048x8x8",
                lines[1]);
    }
}
