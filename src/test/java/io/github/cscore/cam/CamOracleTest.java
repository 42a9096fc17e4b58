package io.github.cscore.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.model.Network;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Random;

/**
 * Closed-form checks on "features -> global average pooling -> linear", where the features are
 * the input itself. There dy_c/dA_kij = W_ck / Z for every position (Z = h * w), so every
 * technique has a formula in terms of the input and the linear weights.
 */
@ExtendWith(EngineManagerExtension.class)
class CamOracleTest {

    private NDManager manager;

    @BeforeEach
    void keepManager(NDManager manager) {
        this.manager = manager;
    }

    private Map<Technique, CamMaps> explain(Network network, float[] input, Shape shape, int... targets) {
        CamExplainer explainer = CamExplainer.builder()
                .setNetwork(network)
                .optImplementation(new ScoreCam(new ScoreCamConfig(3, 0)))
                .build();
        return explainer.explain(manager.create(input, shape), targets);
    }

    /** Hand-computed 2 x 2 maps: two channels, two classes. */
    @Nested
    class OnAHandComputedTwoByTwoExample {

        // Channel 0 = [[1, 0], [0, 1]] (sum 2), channel 1 = [[0, 1], [1, 1]] (sum 3).
        private final float[] input = {1, 0, 0, 1, 0, 1, 1, 1};
        // Class 0 weights (1, 2); class 1 weights (-1, 0.5). Z = 4.
        private final float[] weights = {1, 2, -1, 0.5f};

        private Map<Technique, CamMaps> mapsFor(int target) {
            Network network = TestNetworks.gapLinear(manager, 2, 2, 2, weights, new float[] {0, 0});
            return explain(network, input, new Shape(1, 2, 2, 2), target);
        }

        @Test
        void gradCamWeighsChannelsByMeanGradient() {
            // g = (0.25, 0.5): L = 0.25 A0 + 0.5 A1 = [[0.25, 0.5], [0.5, 0.75]] -> min-max.
            assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1}, mapsFor(0).get(Technique.GRAD_CAM).map(0), 1e-6f);
            // class 1: g = (-0.25, 0.125): L = [[-0.25, 0.125], [0.125, -0.125]] -> ReLU -> min-max.
            assertArrayEquals(new float[] {0, 1, 1, 0}, mapsFor(1).get(Technique.GRAD_CAM).map(0), 1e-6f);
        }

        @Test
        void gradCamPlusPlusWeighsChannelsByAlpha() {
            // alpha_0 = 1 / (2 + 2 * 0.25) = 0.4, w_0 = 4 * 0.4 * 0.25 = 0.4;
            // alpha_1 = 1 / (2 + 3 * 0.5) = 1 / 3.5, w_1 = 4 * 0.5 / 3.5 = 0.5714;
            // L = [[0.4, 0.5714], [0.5714, 0.9714]] -> min-max = [[0, 0.3], [0.3, 1]].
            assertArrayEquals(new float[] {0, 0.3f, 0.3f, 1}, mapsFor(0).get(Technique.GRAD_CAM_PLUS_PLUS).map(0), 1e-5f);
            // class 1: ReLU(g_0) = 0 so w_0 = 0; L = w_1 A1 -> [[0, 1], [1, 1]].
            assertArrayEquals(new float[] {0, 1, 1, 1}, mapsFor(1).get(Technique.GRAD_CAM_PLUS_PLUS).map(0), 1e-6f);
        }

        @Test
        void layerCamKeepsOnlyPositiveGradients() {
            // class 0: ReLU(g) * A = 0.25 A0 + 0.5 A1, as Grad-CAM here (constant gradients).
            assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1}, mapsFor(0).get(Technique.LAYER_CAM).map(0), 1e-6f);
            // class 1: ReLU(-0.25) = 0, so L = 0.125 A1 -> [[0, 1], [1, 1]] (Grad-CAM gave [[0,1],[1,0]]).
            assertArrayEquals(new float[] {0, 1, 1, 1}, mapsFor(1).get(Technique.LAYER_CAM).map(0), 1e-6f);
        }
    }

    /** Random inputs and weights against the formulas, computed independently here. */
    @Nested
    class OnRandomInputs {

        private static final int N = 2;
        private static final int C = 3;
        private static final int H = 4;
        private static final int W = 5;
        private static final int Z = H * W;
        private final float[] input = random(N * C * Z, 21, 0f, 1f);
        private final float[] weights = random(2 * C, 22, -1f, 1f);
        private final float[] bias = {0.1f, -0.2f};
        private final int[] targets = {0, 1};
        private Map<Technique, CamMaps> maps;

        @BeforeEach
        void explainBoth() {
            Network network = TestNetworks.gapLinear(manager, C, H, W, weights, bias);
            maps = explain(network, input, new Shape(N, C, H, W), targets);
        }

        @Test
        void gradCamEqualsClassicCamOnGapLinearModel() {
            for (int n = 0; n < N; n++) {
                float[] cam = new float[Z];
                for (int k = 0; k < C; k++) {
                    addScaled(cam, channel(n, k), weights[targets[n] * C + k]);
                }
                assertArrayEquals(minMax(relu(cam)), maps.get(Technique.GRAD_CAM).map(n), 1e-5f);
            }
        }

        @Test
        void gradCamPlusPlusMatchesTheSecondOrderFormula() {
            for (int n = 0; n < N; n++) {
                float[] cam = new float[Z];
                for (int k = 0; k < C; k++) {
                    double g = weights[targets[n] * C + k] / Z;
                    double s = sum(channel(n, k));
                    // alpha = g^2 / (2 g^2 + s g^3), the paper's form, at every position.
                    double alpha = g * g / (2 * g * g + s * g * g * g);
                    addScaled(cam, channel(n, k), (float) (Z * alpha * Math.max(g, 0)));
                }
                assertArrayEquals(minMax(relu(cam)), maps.get(Technique.GRAD_CAM_PLUS_PLUS).map(n), 1e-5f);
            }
        }

        @Test
        void layerCamIsPositiveGradientTimesActivation() {
            for (int n = 0; n < N; n++) {
                float[] cam = new float[Z];
                for (int k = 0; k < C; k++) {
                    addScaled(cam, channel(n, k), Math.max(weights[targets[n] * C + k] / Z, 0));
                }
                assertArrayEquals(minMax(relu(cam)), maps.get(Technique.LAYER_CAM).map(n), 1e-5f);
            }
        }

        @Test
        void scoreCamMatchesMaskedLogitsComputedByHand() {
            for (int n = 0; n < N; n++) {
                double[] scores = new double[C];
                for (int k = 0; k < C; k++) {
                    float[] mask = minMax(channel(n, k));
                    scores[k] = maskedLogit(n, mask, targets[n]);
                }
                double[] softmax = softmax(scores);
                float[] cam = new float[Z];
                for (int k = 0; k < C; k++) {
                    addScaled(cam, channel(n, k), (float) softmax[k]);
                }
                assertArrayEquals(minMax(relu(cam)), maps.get(Technique.SCORE_CAM).map(n), 1e-5f);
            }
        }

        @Test
        void multiScaleOverTwoIdenticalTapsEqualsGradCamPlusPlus() {
            for (int n = 0; n < N; n++) {
                assertArrayEquals(
                        maps.get(Technique.GRAD_CAM_PLUS_PLUS).map(n),
                        maps.get(Technique.MS_GRAD_CAM_PLUS_PLUS).map(n),
                        1e-6f);
            }
        }

        /** Logit of class c for image n with every channel multiplied by the mask. */
        private double maskedLogit(int n, float[] mask, int c) {
            double logit = bias[c];
            for (int j = 0; j < C; j++) {
                float[] x = channel(n, j);
                double mean = 0;
                for (int p = 0; p < Z; p++) {
                    mean += x[p] * mask[p] / Z;
                }
                logit += weights[c * C + j] * mean;
            }
            return logit;
        }

        private float[] channel(int n, int k) {
            return java.util.Arrays.copyOfRange(input, (n * C + k) * Z, (n * C + k + 1) * Z);
        }
    }

    @Nested
    class EigenCamOnRankOneActivations {

        @Test
        void recoversThePatternWithTheRightSign() {
            // A_k = a_k * P: centred over positions this is rank 1, and its principal component
            // is P - mean(P), positively correlated with the channel mean (mean a) * P.
            float[] pattern = random(20, 31, 0f, 1f);
            float[] scales = {1f, 2f, 0.5f};
            float[] input = new float[3 * 20];
            for (int k = 0; k < 3; k++) {
                for (int p = 0; p < 20; p++) {
                    input[k * 20 + p] = scales[k] * pattern[p];
                }
            }
            Network network = TestNetworks.gapLinear(manager, 3, 4, 5, random(6, 32, -1, 1), new float[2]);

            CamMaps maps = explain(network, input, new Shape(1, 3, 4, 5), 0).get(Technique.EIGEN_CAM);

            float mean = sum(pattern) / 20;
            float[] expected = new float[20];
            for (int p = 0; p < 20; p++) {
                expected[p] = pattern[p] - mean;
            }
            assertArrayEquals(minMax(relu(expected)), maps.map(0), 1e-4f);
            assertFalse(maps.isFlat(0));
        }

        @Test
        void givesTheSameMapWhateverTheTargetClass() {
            float[] input = random(3 * 20, 33, 0f, 1f);
            Network network = TestNetworks.gapLinear(manager, 3, 4, 5, random(6, 34, -1, 1), new float[2]);
            Shape shape = new Shape(1, 3, 4, 5);

            float[] forClass0 = explain(network, input, shape, 0).get(Technique.EIGEN_CAM).map(0);
            float[] forClass1 = explain(network, input, shape, 1).get(Technique.EIGEN_CAM).map(0);

            assertArrayEquals(forClass0, forClass1);
        }
    }

    static float[] random(int length, int seed, float low, float high) {
        Random random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = low + (high - low) * random.nextFloat();
        }
        return values;
    }

    private static void addScaled(float[] target, float[] source, float scale) {
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * source[i];
        }
    }

    private static float sum(float[] values) {
        float sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum;
    }

    private static float[] relu(float[] values) {
        float[] result = values.clone();
        for (int i = 0; i < result.length; i++) {
            result[i] = Math.max(result[i], 0);
        }
        return result;
    }

    private static float[] minMax(float[] values) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = max - min < 1e-7f ? 0 : (values[i] - min) / (max - min);
        }
        return result;
    }

    private static double[] softmax(double[] scores) {
        double max = java.util.Arrays.stream(scores).max().orElse(0);
        double[] exp = java.util.Arrays.stream(scores).map(s -> Math.exp(s - max)).toArray();
        double total = java.util.Arrays.stream(exp).sum();
        return java.util.Arrays.stream(exp).map(e -> e / total).toArray();
    }
}
