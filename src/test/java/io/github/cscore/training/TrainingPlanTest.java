package io.github.cscore.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;

import io.github.cscore.model.Network;
import io.github.cscore.result.Phase;
import io.github.cscore.testing.EngineManagerExtension;
import io.github.cscore.testing.ImageArrays;
import io.github.cscore.testing.TestNetworks;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

@ExtendWith(EngineManagerExtension.class)
class TrainingPlanTest {

    private static final LearningRateSchedule RATE = LearningRateSchedule.constant(0.01f);

    @Test
    void thePapersPlanIsATransferPhaseThenFineTuning() {
        TrainingPlan plan = TrainingPlan.transferThenFinetune(1, 5, RATE);

        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE), plan.phases().stream().map(TrainingPhase::phase).toList());
        assertEquals(6, plan.epochs());
        assertEquals(List.of(true, false), plan.phases().stream().map(TrainingPhase::isBackboneFrozen).toList());
    }

    @Test
    void aPhaseOfNoEpochIsKeptButTrainsNothing() {
        TrainingPlan plan = TrainingPlan.transferThenFinetune(0, 2, RATE);

        assertEquals(2, plan.phases().size());
        assertEquals(List.of(), plan.phases().get(0).stages());
        assertEquals(2, plan.epochs());
    }

    @Test
    void fitFreezesTheBackboneForTheTransferPhaseAndGivesEveryStageATrainerOfItsOwn(NDManager manager)
            throws Exception {
        Network network = TestNetworks.smallCnn(manager, 8, 2, 4);
        TrainingPlan plan = TrainingPlan.builder()
                .addPhase(TrainingPhase.transfer(1, RATE))
                .addPhase(TrainingPhase.finetune(3, RATE.switchAfter(1, LearningRateSchedule.growingEachEpoch(0.02f, 2))))
                .build();
        Recorder recorder = new Recorder(network);

        try (Model model = Model.newInstance("plan")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            plan.fit(model, network, images(manager), null, recorder);
        }

        assertEquals(List.of(true, false, false, false), recorder.frozenAtEpochs);
        assertEquals(4, recorder.trainers, "transfer, healthy fine-tuning, then a new Adam for each growing epoch");
        assertFalse(network.isBackboneFrozen(), "trainable after the plan");
    }

    private static ArrayDataset images(NDManager manager) {
        Random random = new Random(7);
        float[][] images = new float[8][3 * 8 * 8];
        int[] labels = new int[8];
        for (int i = 0; i < images.length; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = (float) random.nextGaussian() + labels[i];
            }
        }
        return ImageArrays.trainingSet(manager, images, labels, new Shape(3, 8, 8), 4);
    }

    /** Counts trainers and records, at each epoch, whether the backbone is frozen. */
    private static final class Recorder extends TrainingListenerAdapter {
        private final Network network;
        private final List<Boolean> frozenAtEpochs = new ArrayList<>();
        private int trainers;

        Recorder(Network network) {
            this.network = network;
        }

        @Override
        public void onTrainingBegin(Trainer trainer) {
            trainers++;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            frozenAtEpochs.add(network.isBackboneFrozen());
        }
    }

    @Nested
    class Rejects {

        @Test
        void negativeEpochsNamingThePhase() {
            assertEquals("transferEpochs must be non-negative, but was -1",
                    message(() -> TrainingPhase.transfer(-1, RATE)));
            assertEquals("finetuneEpochs must be non-negative, but was -2",
                    message(() -> TrainingPhase.finetune(-2, RATE)));
        }

        @Test
        void aPlanThatTrainsNoEpoch() {
            assertEquals("the plan trains no epoch: transferEpochs 0, finetuneEpochs 0",
                    message(() -> TrainingPlan.transferThenFinetune(0, 0, RATE)));
            assertEquals("a plan needs at least one phase (addPhase)", message(() -> TrainingPlan.builder().build()));
        }

        @Test
        void aScheduleThatDoesNotFitThePhase() {
            LearningRateSchedule late = RATE.switchAfter(3, LearningRateSchedule.constant(0.1f));

            assertEquals("switchAfter must be below the epochs of the phase (2), but was 3",
                    message(() -> TrainingPhase.finetune(2, late)));
        }

        private String message(Runnable making) {
            return assertThrows(IllegalArgumentException.class, making::run).getMessage();
        }
    }
}
