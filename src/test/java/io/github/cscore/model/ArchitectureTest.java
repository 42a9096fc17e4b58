package io.github.cscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.github.cscore.testing.EngineManagerExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

@ExtendWith(EngineManagerExtension.class)
class ArchitectureTest {

    private NDManager manager;

    @BeforeEach
    void keepManager(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        this.manager = manager;
    }

    private Network initialised(Architecture architecture, NetworkConfig config) {
        Network network = architecture.build(config);
        network.initialize(manager);
        return network;
    }

    private static Shape batchOf(int n, Shape imageShape) {
        return new Shape(n).addAll(imageShape);
    }

    @Nested
    class AtTheReferenceConfiguration {

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void parameterCountEqualsThePublishedKerasFigure(Architecture architecture) {
            Network network = initialised(architecture, NetworkConfig.reference());

            assertEquals(architecture.referenceParameterCount(), network.parameterCount());
        }

        @ParameterizedTest
        @CsvSource({
            // Keras "Total params" of the application models with include_top and 1000 classes.
            "RESNET50_V2, 25613800, 224",
            "DENSENET201, 20242984, 224",
            "INCEPTION_V3, 23851784, 299"
        })
        void publishedFiguresAndInputSizes(Architecture architecture, long count, int inputSize) {
            assertEquals(count, architecture.referenceParameterCount());
            assertEquals(inputSize, architecture.referenceInputSize());
        }

        @ParameterizedTest
        @CsvSource({
            "RESNET50_V2, backbone/post_relu, 2048, 7, backbone/conv4/block5, 1024, 14",
            "DENSENET201, backbone/relu, 1920, 7, backbone/pool4/relu, 1792, 14",
            "INCEPTION_V3, backbone/mixed10, 2048, 8, backbone/mixed7, 768, 17"
        })
        void tapsAreTheKerasLayersAtTheirKerasShapes(Architecture architecture, String primary,
                long primaryChannels, long primarySize, String finer, long finerChannels,
                long finerSize) {
            NetworkConfig config = NetworkConfig.reference();
            Network network = architecture.build(config);
            Shape input = batchOf(1, network.inputShape());

            assertEquals(primary, network.camTaps().primary());
            assertEquals(java.util.List.of(finer, primary), network.camTaps().multiScale());
            Shape primaryShape = new Shape(primaryChannels, primarySize, primarySize);
            Shape finerShape = new Shape(finerChannels, finerSize, finerSize);
            assertEquals(Map.of(primary, primaryShape, finer, finerShape), architecture.tapShapes(config));
            assertEquals(batchOf(1, primaryShape), PieceByPiece.shapeAt(network.block(), primary, new Shape[] {input})[0]);
            assertEquals(batchOf(1, finerShape), PieceByPiece.shapeAt(network.block(), finer, new Shape[] {input})[0]);
        }

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void twoClassesChangeOnlyTheDenseLayer(Architecture architecture) {
            NetworkConfig twoClasses = NetworkConfig.builder().optNumClasses(2).build();
            long features = architecture.tapShapes(twoClasses).values().iterator().next().get(0);

            Network network = initialised(architecture, twoClasses);

            // The dense layer shrinks from features x 1000 + 1000 to features x 2 + 2.
            long expected = architecture.referenceParameterCount() - 998 * (features + 1);
            assertEquals(expected, network.parameterCount());
        }
    }

    @Nested
    class AtTheDemoScale {

        private final NetworkConfig demo = NetworkConfig.demo();

        /** The overview example at the top of docs/models.md. */
        @Test
        void theOverviewExampleSetsTheBlockAndSwitchesPhases() {
            try (Model model = Model.newInstance("overview")) {
                // snippet: models-overview
                Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
                model.setBlock(network.block());          // a DJL Model; the Trainer initialises it
                network.freezeBackbone(true);             // transfer-learning phase
                // ... train ...
                network.freezeBackbone(false);            // fine-tuning phase
                network.camTaps();                        // primary tap + multi-scale taps, as block paths
                // end-snippet

                assertSame(network.block(), model.getBlock());
                assertFalse(network.isBackboneFrozen());
                assertEquals(Architecture.RESNET50_V2.camTaps(demo), network.camTaps());
            }
        }

        @ParameterizedTest
        @CsvSource({
            // Closed forms of the Keras topologies at width 0.25, 2 units per stage, 2 classes.
            "RESNET50_V2, 886978",
            "DENSENET201, 29746",
            "INCEPTION_V3, 1141878"
        })
        void parameterCountIsTheScaledTopologys(Architecture architecture, long expected) {
            assertEquals(expected, initialised(architecture, demo).parameterCount());
        }

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void forwardGivesOneLogitPerClass(Architecture architecture) {
            Network network = initialised(architecture, demo);
            NDArray images = manager.randomUniform(0, 1, batchOf(3, network.inputShape()));

            NDArray logits = network.block()
                    .forward(new ParameterStore(manager, false), new NDList(images), false)
                    .singletonOrThrow();

            assertEquals(new Shape(3, 2), logits.getShape());
            assertTrue(logits.isInfinite().logicalOr(logits.isNaN()).none().getBoolean());
        }

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void everyTapResolvesAndRunsToItsExpectedShape(Architecture architecture) {
            Network network = initialised(architecture, demo);
            NDList images = new NDList(manager.randomUniform(0, 1, batchOf(2, network.inputShape())));
            Map<String, Shape> expected = architecture.tapShapes(demo);

            assertEquals(network.camTaps().all(), java.util.List.copyOf(expected.keySet()));
            for (Map.Entry<String, Shape> tap : expected.entrySet()) {
                BlockPaths.resolve(network.block(), tap.getKey());
                NDArray activations = PieceByPiece.forwardTo(network.block(), tap.getKey(), images).singletonOrThrow();
                assertEquals(batchOf(2, tap.getValue()), activations.getShape(), tap.getKey());
            }
        }

        @ParameterizedTest
        @CsvSource({"RESNET50_V2, 8, 16", "DENSENET201, 8, 16", "INCEPTION_V3, 13, 28"})
        void tapsStayFinerThanSevenBySeven(Architecture architecture, long primary, long finer) {
            Shape[] shapes = architecture.tapShapes(demo).values().toArray(new Shape[0]);

            assertEquals(primary, shapes[0].get(1));
            assertEquals(finer, shapes[1].get(1));
        }

    }

    @Nested
    class ScalingKnobs {

        /** The example in NetworkConfig's Javadoc. */
        @Test
        void javadocExampleBuildsAHalfWidthResNet() {
            NetworkConfig config = NetworkConfig.builder()
                    .optInputSize(96)
                    .optNumClasses(2)
                    .optWidthMultiplier(0.5f)
                    .optMaxBlocksPerStage(2)
                    .build();
            Network network = Architecture.RESNET50_V2.build(config);

            // 96 -> 48 (conv1) -> 24 (pool1) -> 12 (conv2) -> 6 (conv3) -> 3 (conv4, conv5)
            assertEquals(Map.of("backbone/post_relu", new Shape(1024, 3, 3),
                    "backbone/conv4/block1", new Shape(512, 6, 6)), Architecture.RESNET50_V2.tapShapes(config));
            assertEquals(new Shape(3, 96, 96), network.inputShape());
            assertEquals(2, network.numClasses());
        }

        @Test
        void blockNamesCarryDjlsPositionPrefix() {
            Network network = Architecture.RESNET50_V2.build(NetworkConfig.reference());

            // conv1, pool1_pad, pool1, conv2, conv3, conv4: conv4 is the sixth child.
            assertSame(BlockPaths.resolve(network.block(), "backbone/conv4/block1"),
                    BlockPaths.resolve(network.block(), "01backbone/06conv4/01block1"));
        }

        @ParameterizedTest
        @EnumSource(Architecture.class)
        void stemAndInputSizeLeaveTheParameterCountAlone(Architecture architecture) {
            NetworkConfig base = NetworkConfig.builder().optWidthMultiplier(0.25f).optMaxBlocksPerStage(1).build();
            NetworkConfig other = NetworkConfig.builder().optWidthMultiplier(0.25f).optMaxBlocksPerStage(1)
                    .optStemDownsampling(false).optInputSize(80).build();

            assertEquals(initialised(architecture, base).parameterCount(),
                    initialised(architecture, other).parameterCount());
        }

        @ParameterizedTest
        @CsvSource({
            // Closed forms at width 0.5 and full depth, 1000 classes.
            "RESNET50_V2, 6946024",
            "DENSENET201, 5658376"
        })
        void halfWidthCountsMatchTheClosedForm(Architecture architecture, long expected) {
            NetworkConfig half = NetworkConfig.builder().optWidthMultiplier(0.5f).optInputSize(64).build();

            assertEquals(expected, initialised(architecture, half).parameterCount());
        }

        @Test
        void fewerModulesKeepInceptionNamesConsecutive() {
            NetworkConfig config = NetworkConfig.builder().optBlocksPerStage(1, 2, 1).optInputSize(150).build();

            Network network = Architecture.INCEPTION_V3.build(config);

            // mixed0 (A), mixed1 (B), mixed2-3 (C), mixed4 (D), mixed5 (E)
            assertEquals("backbone/mixed5", network.camTaps().primary());
            assertEquals("backbone/mixed3", network.camTaps().multiScale().get(0));
            assertEquals(2 + 5 + 6, network.backbone().getChildren().size());
        }

        @Test
        void capAppliesToExplicitUnits() {
            NetworkConfig config = NetworkConfig.builder().optBlocksPerStage(1, 5, 1, 3).optMaxBlocksPerStage(2).build();

            assertArrayEquals(new int[] {1, 2, 1, 2}, Architecture.DENSENET201.plan(config).blocks());
        }

        @Test
        void singleUnitResNetStackTapsTheStackBefore() {
            NetworkConfig config = NetworkConfig.builder().optMaxBlocksPerStage(1).optInputSize(64).build();

            Network network = Architecture.RESNET50_V2.build(config);
            network.initialize(manager);

            assertEquals("backbone/conv3", network.camTaps().multiScale().get(0));
            Shape expected = Architecture.RESNET50_V2.tapShapes(config).get("backbone/conv3");
            assertEquals(new Shape(512, 4, 4), expected);
            assertEquals(batchOf(1, expected), PieceByPiece.shapeAt(network.block(), "backbone/conv3",
                    new Shape[] {batchOf(1, network.inputShape())})[0]);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @CsvSource({
            "RESNET50_V2, true, 33",
            "RESNET50_V2, false, 9",
            "DENSENET201, true, 61",
            "DENSENET201, false, 16",
            "INCEPTION_V3, true, 107",
            "INCEPTION_V3, false, 17"
        })
        void smallestInputLeavesATwoByTwoTap(Architecture architecture, boolean stemDown, int smallest) {
            NetworkConfig.Builder builder = NetworkConfig.builder().optStemDownsampling(stemDown);

            assertEquals(smallest, architecture.minimumInputSize(builder.build()));
            assertEquals(2, architecture.tapShapes(builder.optInputSize(smallest).build())
                    .values().iterator().next().get(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> architecture.build(builder.optInputSize(smallest - 1).build()));
            assertTrue(e.getMessage().startsWith("inputSize must leave at least a 2x2 map"), e.getMessage());
            assertTrue(e.getMessage().contains("at least " + smallest), e.getMessage());
        }

        @Test
        void rejectsBlocksPerStageOfAnotherArchitecture() {
            NetworkConfig config = NetworkConfig.builder().optBlocksPerStage(3, 4, 6, 3).build();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Architecture.INCEPTION_V3.build(config));

            assertEquals("blocksPerStage of inceptionv3 needs 3 values like [3, 4, 2], but was [3, 4, 6, 3]",
                    e.getMessage());
        }

        @ParameterizedTest
        @CsvSource({"resnet50v2, RESNET50_V2", "DenseNet201, DENSENET201", "INCEPTIONV3, INCEPTION_V3"})
        void findsArchitecturesByLabel(String label, Architecture expected) {
            assertEquals(expected, Architecture.fromLabel(label));
        }

        @Test
        void rejectsAnUnknownLabel() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Architecture.fromLabel("vgg16"));

            assertTrue(e.getMessage().endsWith("but was 'vgg16'"), e.getMessage());
        }
    }
}
