package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.cam.Technique;
import io.github.cscore.data.ChestPhantoms;
import io.github.cscore.data.KermanyDataset;
import io.github.cscore.data.KermanyFolder;
import io.github.cscore.data.KermanySplit;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.score.CScoreConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure-observer property on a paper architecture: ResNet50V2 at the demo preset (Keras-style
 * batch normalisation), trained three epochs on chest phantoms with a shuffling sampler and Adam,
 * ends bitwise the same with and without the monitor running all six techniques every epoch.
 */
class PureObserverIT {

    @Test
    void resNet50V2TrainsBitwiseTheSameWithAndWithoutTheMonitor(@TempDir Path folder) throws Exception {
        ChestPhantoms.builder().optSeed(4).optImageSize(64).optImagesPerClass(KermanyFolder.TRAIN, 48).build()
                .writeTo(folder);
        List<CheckpointResult> results = new ArrayList<>();

        Map<String, float[]> without = train(folder, null);
        Map<String, float[]> with = train(folder, results);

        assertEquals(3, results.size(), "the monitor scored every epoch");
        assertEquals(without.keySet(), with.keySet());
        without.forEach((name, values) -> assertArrayEquals(values, with.get(name), name));
    }

    private static Map<String, float[]> train(Path folder, List<CheckpointResult> results) throws Exception {
        KermanyDataset train = KermanyDataset.builder().setRoot(folder).optImageSize(64).optValidationFraction(0.25f)
                .setSampling(16, true).build();
        KermanyDataset validation = KermanyDataset.builder().setRoot(folder).optSplit(KermanySplit.VALIDATION)
                .optImageSize(64).optValidationFraction(0.25f).setSampling(16, false).build();
        Engine.getInstance().setRandomSeed(4);
        Network network = Architecture.RESNET50_V2.build(NetworkConfig.demo());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        if (results != null) {
            config.addTrainingListeners(CScoreMonitor.builder()
                    .setValidationData(validation)
                    .setNetwork(network)
                    .optTechniques(Technique.values())
                    .optSamplePerClass(6)
                    .optScoreCam(new ScoreCamConfig(32, 32))   // every masked-forward path, at a fraction of the cost
                    .optCScore(CScoreConfig.builder().optGoldThreshold(0.5f).optMinGoldSize(2).build())
                    .optSink(results::add)
                    .build());
        }
        try (Model model = Model.newInstance("observer")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1).addAll(network.inputShape()));
                EasyTrain.fit(trainer, 3, train, null);
            }
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }
}
