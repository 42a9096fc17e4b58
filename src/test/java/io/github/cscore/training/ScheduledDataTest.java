package io.github.cscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

import io.github.cscore.data.LabeledDataset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The scheduled changes item by item: each item's image says whether it carries the marker (its
 * one pixel is 1 in the marked data, 0 in the clean), so the tests read what a batch would get.
 */
class ScheduledDataTest {

    private static final int ITEMS = 400;
    private static final int ONSET = 5;
    private static final int RAMP = 10;

    private final NDManager manager = NDManager.newBaseManager();
    private final Pixels clean = new Pixels(0f);
    private final Pixels marked = new Pixels(1f);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void markerLabelsChangeNothingBeforeTheOnset() throws Exception {
        ScheduledData data = ScheduledData.markerLabels(clean, marked, 8, 7, 1, ONSET, RAMP, 0.5);
        advance(data, ONSET - 1);
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(0f, pixel(data, i), "item " + i);
            assertEquals(clean.labels()[i], label(data, i), "item " + i);
        }
    }

    @Test
    void afterTheRampEveryItemWithTheClassLabelCarriesTheMarkerAndNoOtherDoes() throws Exception {
        ScheduledData data = ScheduledData.markerLabels(clean, marked, 8, 7, 1, ONSET, RAMP, 0.5);
        advance(data, ONSET + RAMP + 3);
        int relabelled = 0;
        for (int i = 0; i < ITEMS; i++) {
            int label = label(data, i);
            assertEquals(label == 1 ? 1f : 0f, pixel(data, i), "item " + i + " labelled " + label);
            if (clean.labels()[i] == 0) {
                assertEquals(0, label, "a NORMAL item keeps its label");
            } else if (label == 0) {
                relabelled++;
            }
        }
        // 200 draws at rate one half: within four standard deviations (7.1 each) of 100.
        assertTrue(Math.abs(relabelled - 100) < 29, relabelled + " of 200 PNEUMONIA items relabelled");
    }

    @Test
    void theUnmarkedPartRisesOverTheRampAndAnItemOnceRelabelledStaysSo() throws Exception {
        ScheduledData data = ScheduledData.markerLabels(clean, marked, 8, 7, 1, ONSET, RAMP, 0.5);
        advance(data, ONSET + RAMP / 2 - 1);
        boolean[] early = relabelled(data);
        advance(data, RAMP);
        boolean[] late = relabelled(data);
        int earlyCount = 0;
        int lateCount = 0;
        for (int i = 0; i < ITEMS; i++) {
            assertTrue(!early[i] || late[i], "item " + i + " was relabelled, then not");
            earlyCount += early[i] ? 1 : 0;
            lateCount += late[i] ? 1 : 0;
        }
        assertTrue(earlyCount > 20 && earlyCount < 80, earlyCount + " relabelled half way up the ramp");
        assertTrue(lateCount > earlyCount + 20, lateCount + " relabelled after the ramp, " + earlyCount + " before");
    }

    @Test
    void markerLabelsRefuseDataWhoseItemsDiffer() {
        Pixels other = new Pixels(1f) {
            @Override
            public int[] labels() {
                int[] labels = super.labels();
                labels[0] = 1 - labels[0];
                return labels;
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ScheduledData.markerLabels(clean, other, 8, 7, 1, ONSET, RAMP, 0.5));
        assertTrue(error.getMessage().contains("labels differ"), error.getMessage());
    }

    @Test
    void markerLabelsRefuseARateAboveOneHalf() {
        assertThrows(IllegalArgumentException.class,
                () -> ScheduledData.markerLabels(clean, marked, 8, 7, 1, ONSET, RAMP, 0.6));
    }

    private boolean[] relabelled(ScheduledData data) throws Exception {
        boolean[] relabelled = new boolean[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            relabelled[i] = clean.labels()[i] == 1 && label(data, i) == 0;
        }
        return relabelled;
    }

    private static void advance(ScheduledData data, int steps) {
        for (int s = 0; s < steps; s++) {
            data.stepCounter().onTrainingBatch(null, null);
        }
    }

    private float pixel(ScheduledData data, int index) throws Exception {
        return data.get(manager, index).getData().singletonOrThrow().toFloatArray()[0];
    }

    private int label(ScheduledData data, int index) throws Exception {
        return Math.round(data.get(manager, index).getLabels().singletonOrThrow().getFloat());
    }

    /** Items of one pixel each, every second one PNEUMONIA. */
    private static class Pixels extends RandomAccessDataset implements LabeledDataset {
        private final float value;

        Pixels(float value) {
            super(new Sampling().setSampling(8, false));
            this.value = value;
        }

        @Override
        public Record get(NDManager manager, long index) {
            return new Record(new NDList(manager.create(new float[] {value})),
                    new NDList(manager.create((float) labels()[(int) index])));
        }

        @Override
        protected long availableSize() {
            return ITEMS;
        }

        @Override
        public void prepare(Progress progress) {
        }

        @Override
        public int[] labels() {
            int[] labels = new int[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                labels[i] = i % 2;
            }
            return labels;
        }

        @Override
        public List<String> classNames() {
            return List.of("NORMAL", "PNEUMONIA");
        }

        @Override
        public Shape imageShape() {
            return new Shape(1, 1, 1);
        }

        @Override
        public float[] image(int index) {
            return new float[] {value};
        }
    }

    private static final class Sampling extends RandomAccessDataset.BaseBuilder<Sampling> {
        @Override
        protected Sampling self() {
            return this;
        }
    }
}
