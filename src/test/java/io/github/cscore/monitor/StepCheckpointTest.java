package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.util.Pair;

import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checkpoints every few training steps, and the explanation signals measured between checkpoints. */
@ExtendWith(EngineManagerExtension.class)
class StepCheckpointTest {

    private NDManager manager;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
    }

    private CScoreMonitorBuilder monitor(Network network, List<CheckpointResult> results) {
        return CScoreMonitor.builder()
                .setValidationData(MonitorFixtures.validation(24, 5))
                .setNetwork(network)
                .optSamplePerClass(8)
                .optTechniques(Technique.GRAD_CAM, Technique.EIGEN_CAM)
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optSink(results::add);
    }

    /** Trains the network for some epochs of 32 images in batches of 8 (4 steps an epoch). */
    private Map<String, float[]> train(Network network, CScoreMonitor monitor, int epochs) throws Exception {
        Engine.getInstance().setRandomSeed(7); // the same shuffling for every run of a test
        try (Model model = Model.newInstance("stepped")) {
            model.setBlock(network.block());
            ArrayDataset data = MonitorFixtures.training(manager, 32, 9, 8);
            try (Trainer trainer = monitor == null ? MonitorFixtures.trainer(model) : MonitorFixtures.trainer(model, monitor)) {
                EasyTrain.fit(trainer, epochs, data, null);
            }
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }

    @Nested
    class Schedule {

        @Test
        void scoresAfterEveryThirdUpdateWithTheStepAndTheEpochsCompleted() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);

            train(network, monitor(network, results).optCheckpointEverySteps(3).build(), 3);

            // 12 updates: after 3 (epoch 0 done), 6 (1), 9 (2) and 12, at the end of epoch 3
            assertEquals(List.of(3, 6, 9, 12), results.stream().map(CheckpointResult::step).toList());
            assertEquals(List.of(0, 1, 2, 3), results.stream().map(CheckpointResult::epoch).toList());
        }

        @Test
        void aStepAtTheEndOfAnEpochIsScoredOnceThere() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);

            train(network, monitor(network, results).optCheckpointEverySteps(4).build(), 2);

            assertEquals(List.of(4, 8), results.stream().map(CheckpointResult::step).toList());
            assertEquals(List.of(1, 2), results.stream().map(CheckpointResult::epoch).toList());
        }

        @Test
        void theEpochScheduleRecordsTheStepsOfEachEpoch() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);

            train(network, monitor(network, results).build(), 2);

            assertEquals(List.of(4, 8), results.stream().map(CheckpointResult::step).toList());
        }

        @Test
        void checkpointsBetweenBackwardAndUpdateLeaveTrainingBitwiseTheSame() throws Exception {
            Network without = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
            Network with = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
            List<CheckpointResult> results = new ArrayList<>();

            Map<String, float[]> plain = train(without, null, 2);
            Map<String, float[]> observed = train(with, monitor(with, results).optCheckpointEverySteps(1).build(), 2);

            assertEquals(8, results.size());
            assertTrue(results.stream().allMatch(CheckpointResult::isScored));
            plain.forEach((name, values) -> assertArrayEquals(values, observed.get(name), name));
        }

        @Test
        void rejectsAStepIntervalBelowOne() {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CScoreMonitor.builder().optCheckpointEverySteps(0));

            assertTrue(error.getMessage().contains("checkpointEverySteps"), error.getMessage());
        }
    }

    @Nested
    class Signals {

        @Test
        void theFirstCheckpointHasNoDriftAndAnUnchangedModelDriftsNothing() {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);
            CScoreMonitor monitor = monitor(network, results).build();
            Trainer trainer = MonitorFixtures.mockedTrainer(network.block(), manager);

            monitor.onEpoch(trainer);
            monitor.onEpoch(trainer);

            for (Technique technique : List.of(Technique.GRAD_CAM, Technique.EIGEN_CAM)) {
                ExplanationSignals first = results.get(0).technique(technique).signals(0);
                assertTrue(Double.isNaN(first.driftFromPrevious()) && Double.isNaN(first.driftFromReference()));
                assertTrue(first.crossClassSimilarity() >= 0 && first.crossClassSimilarity() <= 1);
                for (int c = 0; c < 2; c++) {
                    ExplanationSignals second = results.get(1).technique(technique).signals(c);
                    assertEquals(0, second.driftFromPrevious(), 1e-9, technique + " class " + c);
                    assertEquals(0, second.driftFromReference(), 1e-9, technique + " class " + c);
                }
            }
        }

        @Test
        void trainingMovesTheMapsOfEveryClassEvenOneThatLeftItsGoldList() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);

            train(network, monitor(network, results).build(), 3);

            TechniqueResult last = results.get(2).technique(Technique.GRAD_CAM);
            for (int c = 0; c < 2; c++) {
                ExplanationSignals signals = last.signals(c);
                assertTrue(signals.driftFromPrevious() > 0, "class " + c + ": " + signals);
                assertFalse(Double.isNaN(signals.driftFromReference()), "class " + c + ": " + signals);
            }
        }

        @Test
        void everyClassReportsItsMeanConfidence() throws Exception {
            List<CheckpointResult> results = new ArrayList<>();
            Network network = TestNetworks.smallCnn(manager, MonitorFixtures.SIZE, 2, 3);

            train(network, monitor(network, results).build(), 1);

            results.get(0).classes().forEach(c -> assertTrue(c.confidence() > 0 && c.confidence() < 1, c.toString()));
        }
    }
}
