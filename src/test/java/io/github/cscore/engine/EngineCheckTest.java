package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.engine.ConvolutionProbe.Convolution;
import io.github.cscore.engine.ConvolutionProbe.Result;
import io.github.cscore.model.Network;
import io.github.cscore.model.TappedModel;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineCheckTest {

    /** A stand-in engine that computes every convolution exactly. */
    private static final Convolution EXACT = ConvolutionReference::compute;

    /**
     * The regression guard of issue 14. Without the remedy, on an AMD CPU whose cache topology is
     * hidden, the first batch probe and the first single-image probe are wrong on every draw (by 5
     * to 14), so this fails on every run there; with DNNL_MAX_CPU_ISA=SSE41 (Maven profile
     * engine-safe-isa) it passes.
     */
    @Test
    void convolutionsAndTheirGradientsMatchADirectComputation() {
        EngineCheckResult result = EngineCheck.run();

        assertTrue(result.passed(), result.warning());
        assertTrue(result.worstError() < 1e-4, result.summary());
        int draws = EngineCheck.REPETITIONS * EngineCheck.CASES.size()
                + EngineCheck.SINGLE_IMAGE_REPETITIONS * EngineCheck.SINGLE_IMAGE_CASES.size();
        assertEquals(3 * draws, result.comparisons());
    }

    @Test
    void runIsComputedOncePerProcess() {
        assertTrue(EngineCheck.run() == EngineCheck.run());
    }

    @Test
    void exactStandInPassesWithZeroError() {
        EngineCheckResult result = EngineCheck.probeAll(EXACT);

        assertTrue(result.passed());
        assertFalse(result.useSafePath());
        assertTrue(result.hasCorrectPath());
        assertEquals(0, result.worstError(), 1e-6);
    }

    @Nested
    class WhenOnlyBatchesAreWrong {

        /** Like the fault on small inputs: the last image's input gradient is off in batches only. */
        private final Convolution batchGradientOff = (shape, x, w, b, up) -> {
            Result exact = EXACT.run(shape, x, w, b, up);
            float[] dx = exact.inputGradient().clone();
            dx[dx.length - 1] += shape.batch() > 1 ? 2 : 0;
            return new Result(exact.output(), dx, exact.weightGradient());
        };

        @Test
        void theCheckFailsAndAsksForTheSafePath() {
            EngineCheckResult result = EngineCheck.probeAll(batchGradientOff);

            assertFalse(result.passed());
            assertTrue(result.useSafePath());
            assertTrue(result.hasCorrectPath());
            assertTrue(result.worstCase().startsWith("convolution input gradient, batch 2"), result.worstCase());
        }

        @Test
        void theWarningNamesTheFaultAndTheRemedy() {
            String warning = EngineCheck.probeAll(batchGradientOff).warning();

            assertTrue(warning.contains("batched convolutions wrongly"), warning);
            assertTrue(warning.contains("one image at a time"), warning);
            assertTrue(warning.contains("DNNL_MAX_CPU_ISA=SSE41"), warning);
            assertTrue(warning.contains("docs/engine.md"), warning);
        }
    }

    @Nested
    class WhenSingleImagesAreWrongToo {

        /** Like the fault on inputs large enough for oneDNN: every forward is off, alone or not. */
        private final Convolution forwardOff = (shape, x, w, b, up) -> {
            Result exact = EXACT.run(shape, x, w, b, up);
            float[] y = exact.output().clone();
            y[0] += 3;
            return new Result(y, exact.inputGradient(), exact.weightGradient());
        };

        @Test
        void thereIsNoCorrectPathAndNoSafePath() {
            EngineCheckResult result = EngineCheck.probeAll(forwardOff);

            assertFalse(result.hasCorrectPath());
            assertFalse(result.useSafePath());
            assertFalse(result.singleImagesRight());
        }

        @Test
        void theWarningSaysNothingCanBeTrusted() {
            String warning = EngineCheck.probeAll(forwardOff).warning();

            assertTrue(warning.contains("for single images as well as batches"), warning);
            assertTrue(warning.contains("can be trusted"), warning);
            assertTrue(warning.contains("DNNL_MAX_CPU_ISA=SSE41"), warning);
        }
    }

    @Nested
    class WhenTheEngineIsWrongInOtherWays {

        @Test
        void aNanIsAFailure() {
            Convolution nan = (shape, x, w, b, up) -> {
                Result exact = EXACT.run(shape, x, w, b, up);
                float[] y = exact.output().clone();
                y[0] = Float.NaN;
                return new Result(y, exact.inputGradient(), exact.weightGradient());
            };

            EngineCheckResult result = EngineCheck.probeAll(nan);

            assertFalse(result.passed());
            assertEquals(Double.POSITIVE_INFINITY, result.worstError());
        }

        @Test
        void anErrorJustAboveTheToleranceFails() {
            // probe values are Gaussian, so |reference| < 10 and the relative error of +0.05 on one
            // element stays above 0.05 / 11 > 1e-3
            Convolution slightlyOff = (shape, x, w, b, up) -> {
                Result exact = EXACT.run(shape, x, w, b, up);
                float[] dw = exact.weightGradient().clone();
                dw[0] += 0.05f;
                return new Result(exact.output(), exact.inputGradient(), dw);
            };

            assertFalse(EngineCheck.probeAll(slightlyOff).passed());
        }
    }

    @Nested
    class OnANetwork {

        @Test
        void batchedPassAgreesWithOneImageAtATime() {
            Engine.getInstance().setRandomSeed(14);
            try (NDManager manager = NDManager.newBaseManager()) {
                Network network = TestNetworks.smallCnn(manager, 16, 2, 14);
                TappedModel model = tapped(network, false);
                NDArray images = manager.randomUniform(-1, 1, new Shape(3, 3, 16, 16));

                EngineCheckResult result = EngineCheck.checkNetwork(model, images, new int[] {0, 1, 1});

                assertTrue(result.batchesRight(), result.summary());
                assertEquals(EngineCheck.run().singleImagesRight(), result.singleImagesRight());
                assertEquals(3 * (1 + 2 * 2), result.comparisons());
            }
        }

        @Test
        void imagesThatLeakIntoEachOtherAreCaught() {
            try (NDManager manager = NDManager.newBaseManager()) {
                TappedModel model = MixingNetwork.tapped(manager, false);
                NDArray images = manager.randomUniform(0, 1, new Shape(2).addAll(model.inputShape()));

                EngineCheckResult result = EngineCheck.checkNetwork(model, images, new int[] {0, 1});

                assertFalse(result.batchesRight());
                assertTrue(result.worstError() > 0.1, result.summary());
            }
        }

        @Test
        void rejectsASingleImage() {
            try (NDManager manager = NDManager.newBaseManager()) {
                TappedModel model = MixingNetwork.tapped(manager, false);
                NDArray one = manager.zeros(new Shape(1).addAll(model.inputShape()));

                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> EngineCheck.checkNetwork(model, one, new int[] {0}));
                assertTrue(error.getMessage().contains("at least 2 images, but held 1"), error.getMessage());
            }
        }

        @Test
        void rejectsAModelThatAlreadyRunsOneImageAtATime() {
            try (NDManager manager = NDManager.newBaseManager()) {
                TappedModel model = MixingNetwork.tapped(manager, true);
                NDArray two = manager.zeros(new Shape(2).addAll(model.inputShape()));

                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> EngineCheck.checkNetwork(model, two, new int[] {0, 1}));
                assertTrue(error.getMessage().contains("one image at a time"), error.getMessage());
            }
        }

        private TappedModel tapped(Network network, boolean oneImageAtATime) {
            TappedModel.Builder builder = TappedModel.builder().setBlock(network.block())
                    .optOneImageAtATime(oneImageAtATime);
            network.camTaps().all().forEach(builder::addTap);
            return builder.build();
        }
    }
}
