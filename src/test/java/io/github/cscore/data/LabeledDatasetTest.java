package io.github.cscore.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.translate.Pipeline;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

class LabeledDatasetTest {

    private static final Shape IMAGE = new Shape(3, 2, 2);
    private static final List<String> CLASSES = List.of("cat", "dog");

    private static float[][] images(int count) {
        float[][] images = new float[count][(int) IMAGE.size()];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < images[i].length; j++) {
                images[i][j] = i * 100 + j;
            }
        }
        return images;
    }

    private static String messageOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Nested
    class FromArrays {

        @Test
        void keepsImagesLabelsAndShapeAndCopiesTheArrays() {
            float[][] images = images(3);
            int[] labels = {0, 1, 1};

            LabeledDataset data = LabeledDataset.fromArrays(images, labels, IMAGE, CLASSES);
            images[1][0] = -1;
            labels[1] = 0;

            assertArrayEquals(new int[] {0, 1, 1}, data.labels());
            assertArrayEquals(images(3)[1], data.image(1));
            assertEquals(IMAGE, data.imageShape());
            assertArrayEquals(new int[] {1, 2}, data.classCounts());
        }

        @Test
        void rejectsMismatchedLengths() {
            assertEquals("images and labels must have the same length, but had 2 and 3",
                    messageOf(() -> LabeledDataset.fromArrays(images(2), new int[3], IMAGE, CLASSES)));
        }

        @Test
        void rejectsAnImageOfTheWrongSize() {
            assertEquals("image 0 has 5 values, but shape (3, 2, 2) needs 12",
                    messageOf(() -> LabeledDataset.fromArrays(new float[][] {new float[5]}, new int[1], IMAGE, CLASSES)));
        }

        @Test
        void rejectsALabelOutOfRange() {
            assertEquals("label 1 must be in [0, 2), but was 2",
                    messageOf(() -> LabeledDataset.fromArrays(images(2), new int[] {0, 2}, IMAGE, CLASSES)));
        }

        @Test
        void rejectsASingleClass() {
            assertEquals("at least two class names are needed, but had [cat]",
                    messageOf(() -> LabeledDataset.fromArrays(images(1), new int[1], IMAGE, List.of("cat"))));
        }
    }

    @Nested
    @ExtendWith(EngineManagerExtension.class)
    class FromDataset {

        private NDManager manager;

        @BeforeEach
        void keepManager(NDManager manager) {
            this.manager = manager;
        }

        private ArrayDataset dataset(float[][] images, float[] labels, Shape labelShape, Pipeline pipeline) {
            float[] flat = new float[images.length * (int) IMAGE.size()];
            for (int i = 0; i < images.length; i++) {
                System.arraycopy(images[i], 0, flat, i * images[i].length, images[i].length);
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(flat, new Shape(images.length).addAll(IMAGE)))
                    .optLabels(manager.create(labels, labelShape))
                    .setSampling(4, true)   // the view reads in order whatever the sampler
                    .optPipeline(pipeline)
                    .build();
        }

        @Test
        void readsLabelsInOrderAndImagesThroughTheDatasetsPipeline() {
            float[] labels = {1, 0, 0, 1, 1, 0, 1, 1, 0, 1};
            Pipeline doubled = new Pipeline(array -> array.mul(2).add(1));

            LabeledDataset data = LabeledDataset.fromDataset(
                    dataset(images(10), labels, new Shape(10), doubled), CLASSES);

            assertArrayEquals(new int[] {1, 0, 0, 1, 1, 0, 1, 1, 0, 1}, data.labels());
            assertEquals(IMAGE, data.imageShape());
            float[] expected = images(10)[7];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = expected[j] * 2 + 1;
            }
            assertArrayEquals(expected, data.image(7));
        }

        @Test
        void acceptsLabelsOfShapeOne() {
            LabeledDataset data = LabeledDataset.fromDataset(
                    dataset(images(3), new float[] {0, 1, 0}, new Shape(3, 1), new Pipeline()), CLASSES);

            assertArrayEquals(new int[] {0, 1, 0}, data.labels());
        }

        @Test
        void rejectsALabelThatIsNotAClassIndex() {
            assertEquals("validation item 1 has label 0.5, not a class index", messageOf(() -> LabeledDataset.fromDataset(
                    dataset(images(3), new float[] {0, 0.5f, 1}, new Shape(3), new Pipeline()), CLASSES)));
            assertEquals("the label of validation item 2 must be in [0, 2), but was 2",
                    messageOf(() -> LabeledDataset.fromDataset(
                            dataset(images(3), new float[] {0, 1, 2}, new Shape(3), new Pipeline()), CLASSES)));
        }

        @Test
        void rejectsOneHotLabels() {
            assertEquals("validation labels must be one class index per item, but item 0 has label shape (2)",
                    messageOf(() -> LabeledDataset.fromDataset(
                            dataset(images(2), new float[] {1, 0, 0, 1}, new Shape(2, 2), new Pipeline()), CLASSES)));
        }

        @Test
        void rejectsItemsThatAreNotImages() {
            Pipeline flatten = new Pipeline(array -> array.flatten());

            assertEquals("validation items must be images (C, H, W), but the batch from item 0 has shape (24)",
                    messageOf(() -> LabeledDataset.fromDataset(
                            dataset(images(2), new float[] {0, 1}, new Shape(2), flatten), CLASSES)));
        }
    }
}
