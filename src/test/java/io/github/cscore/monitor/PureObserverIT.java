package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySubset;
import io.github.cscore.data.phantom.ChestPhantoms;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure-observer property on a paper architecture: ResNet50V2 at the demo preset (Keras-style
 * batch normalisation), trained on chest phantoms with a shuffling sampler and Adam, ends bitwise
 * the same with and without the monitor running all six techniques every epoch: over three
 * fine-tuning epochs, and over the paper's schedule of a frozen-backbone epoch followed by
 * fine-tuning epochs.
 */
class PureObserverIT {

    @TempDir
    static Path folder;

    @BeforeAll
    static void writePhantoms() throws Exception {
        ChestPhantoms.builder().optSeed(4).optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 48).build()
                .writeTo(folder);
    }

    @Test
    void resNet50V2TrainsBitwiseTheSameWithAndWithoutTheMonitor() throws Exception {
        assertPureObserver(0, 3);
    }

    /**
     * One trainer per phase, as a fresh optimiser per phase is also what makes the run itself
     * reproducible (see docs/monitor.md, "Phases").
     */
    @Test
    void transferThenFineTuningTrainsBitwiseTheSameWithAndWithoutTheMonitor() throws Exception {
        List<CheckpointResult> results = assertPureObserver(1, 2);

        assertEquals(List.of(Phase.TRANSFER, Phase.FINETUNE, Phase.FINETUNE),
                results.stream().map(CheckpointResult::phase).toList());
        assertEquals(List.of(1, 2, 3), results.stream().map(CheckpointResult::epoch).toList(),
                "the monitor counts epochs across trainers");
    }

    private static List<CheckpointResult> assertPureObserver(int transferEpochs, int finetuneEpochs)
            throws Exception {
        List<CheckpointResult> results = new ArrayList<>();

        Map<String, float[]> without = train(transferEpochs, finetuneEpochs, null);
        Map<String, float[]> with = train(transferEpochs, finetuneEpochs, results);

        assertEquals(transferEpochs + finetuneEpochs, results.size(), "the monitor scored every epoch");
        assertEquals(without.keySet(), with.keySet());
        without.forEach((name, values) -> assertArrayEquals(values, with.get(name), name));
        return results;
    }

    private static Map<String, float[]> train(int transferEpochs, int finetuneEpochs, List<CheckpointResult> results)
            throws Exception {
        KermanyDataset train = KermanyDataset.builder().setRoot(folder).optImageSize(64).optValidationFraction(0.25f)
                .setSampling(16, true).build();
        KermanyDataset validation = KermanyDataset.builder().setRoot(folder).optSubset(KermanySubset.VALIDATION)
                .optImageSize(64).optValidationFraction(0.25f).setSampling(16, false).build();
        Engine.getInstance().setRandomSeed(4);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        CScoreMonitor monitor = results == null ? null : CScoreMonitor.builder()
                .setValidationData(validation)
                .setNetwork(network)
                .optTechniques(Technique.builtIns().toArray(Technique[]::new))
                .optSamplePerClass(6)
                // Every masked-forward path, at a fraction of the cost:
                .optImplementation(new ScoreCam(new ScoreCamConfig(32, 32)))
                .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                .optSink(results::add)
                .build();
        try (Model model = Model.newInstance("observer")) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            if (transferEpochs > 0) {
                network.freezeBackbone(true);
                fit(model, monitor, train, transferEpochs);
                network.freezeBackbone(false);
            }
            fit(model, monitor, train, finetuneEpochs);
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }

    private static void fit(Model model, CScoreMonitor monitor, KermanyDataset train, int epochs) throws Exception {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        if (monitor != null) {
            config.addTrainingListeners(monitor);
        }
        try (Trainer trainer = model.newTrainer(config)) {
            EasyTrain.fit(trainer, epochs, train, null);
        }
    }
}
