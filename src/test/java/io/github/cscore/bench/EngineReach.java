package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.engine.EngineRemedy;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.CamTaps;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.model.TappedPass;
import io.github.cscore.result.Technique;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bench command measuring the reach of the oneDNN fault (docs/engine.md) on the three
 * architectures at the demo preset, in one child JVM per instruction-set cap (none, AVX, SSE41):
 *
 * <ul>
 *   <li>training: the parameter gradients of one SGD step (batch 8, BatchNorm in training mode
 *       on the same batch in every process, no dropout in these networks), three times on the
 *       same parameters, compared with the SSE41 process;
 *   <li>the monitor: logits, tap gradients and the maps of every technique for a batch of 6,
 *       against the same images one at a time, in the same process and against SSE41.
 * </ul>
 *
 * Run with:
 *
 * <pre>
 * mvn -q -B -Pbench test-compile exec:exec -Dbench.main=io.github.cscore.bench.EngineReach
 * </pre>
 */
public final class EngineReach {

    private static final String[] CAPS = {BenchChild.NONE, "AVX", "SSE41"};
    private static final int TRAIN_BATCH = 8;
    private static final int CAM_BATCH = 6;
    private static final int REPETITIONS = 3;
    private static final Path OUT = Path.of("target", "engine-reach");
    private static final Technique[] LOWER_TAP_TECHNIQUES = {
        Technique.GRAD_CAM, Technique.GRAD_CAM_PLUS_PLUS, Technique.LAYER_CAM
    };

    private EngineReach() {}

    /**
     * Runs the children and prints Markdown tables; with {@code child <cap>} runs one child.
     *
     * @param args {@code child <cap>} in a child, otherwise ignored
     * @throws Exception if a child fails or its results cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        Files.createDirectories(OUT);
        for (String cap : CAPS) {
            int status = BenchChild.start(EngineReach.class, cap, "child", cap).waitFor();
            if (status != 0) {
                throw new IllegalStateException("child with cap " + cap + " exited with " + status);
            }
        }
        Map<String, Map<String, float[]>> results = new LinkedHashMap<>();
        for (String cap : CAPS) {
            results.put(cap, load(cap));
        }
        ReachTables.print(results, REPETITIONS, CAM_BATCH);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, float[]> load(String cap) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(OUT.resolve(cap + ".bin")))) {
            return (Map<String, float[]>) in.readObject();
        }
    }

    private static void child(String cap) throws IOException {
        System.err.println("child: cap " + EngineRemedy.isaCap().orElse("none"));
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Architecture architecture : Architecture.values()) {
            trainingGradients(architecture, out);
            monitorPasses(architecture, out);
        }
        try (ObjectOutputStream stream = new ObjectOutputStream(Files.newOutputStream(OUT.resolve(cap + ".bin")))) {
            stream.writeObject(out);
        }
    }

    /** Keys {@code train|ARCH|rep|parameter}. */
    private static void trainingGradients(Architecture architecture, Map<String, float[]> out) {
        Engine.getInstance().setRandomSeed(1);
        Network network = architecture.build(NetworkConfig.demo());
        try (Model model = Model.newInstance("reach")) {
            model.setBlock(network.block());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                Shape shape = new Shape(TRAIN_BATCH).addAll(network.inputShape());
                trainer.initialize(shape);
                Engine.getInstance().setRandomSeed(2);
                NDArray images = trainer.getManager().randomUniform(-1, 1, shape);
                NDArray labels = trainer.getManager().create(new float[] {0, 1, 0, 1, 0, 1, 0, 1});
                for (int rep = 0; rep < REPETITIONS; rep++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(new NDList(images));
                        collector.backward(trainer.getLoss().evaluate(new NDList(labels), predictions));
                        for (Pair<String, Parameter> parameter : network.block().getParameters()) {
                            NDArray array = parameter.getValue().getArray();
                            if (array.hasGradient()) {
                                out.put(key("train", architecture, rep, parameter.getKey()),
                                        array.getGradient().toFloatArray());
                            }
                        }
                        collector.zeroGradients();
                    }
                }
            }
        }
    }

    /**
     * Keys {@code cam|ARCH|rep|what|image} for the batch (reps 0..2) and {@code cam|ARCH|single|what|image}
     * for each image alone, where what is a technique at the primary tap, {@code lower:TECHNIQUE},
     * {@code gradient:TAP} or {@code logits}.
     */
    private static void monitorPasses(Architecture architecture, Map<String, float[]> out) {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = architecture.build(NetworkConfig.demo());
            network.initialize(manager);
            NDArray images = manager.randomUniform(-1, 1, new Shape(CAM_BATCH).addAll(network.inputShape()));
            int[] targets = {0, 1, 0, 1, 0, 1};
            CamExplainer primary = CamExplainer.builder().setNetwork(network)
                    .optImplementation(new ScoreCam(new ScoreCamConfig(32, 16))).build();
            String lowerTap = network.camTaps().multiScale().get(0);
            CamExplainer lower = CamExplainer.builder().setBlock(network.block())
                    .setTaps(new CamTaps(lowerTap, List.of(lowerTap, network.camTaps().primary())))
                    .optTechniques(LOWER_TAP_TECHNIQUES).build();
            for (int rep = 0; rep < REPETITIONS; rep++) {
                record(out, key("cam", architecture, rep), primary, lower, images, targets, 0);
            }
            for (int i = 0; i < CAM_BATCH; i++) {
                record(out, key("cam", architecture, "single"), primary, lower, images.get(i + ":" + (i + 1)),
                        new int[] {targets[i]}, i);
            }
        }
    }

    private static void record(Map<String, float[]> out, String prefix, CamExplainer primary, CamExplainer lower,
            NDArray images, int[] targets, int firstImage) {
        Map<String, CamMaps> byName = new LinkedHashMap<>();
        primary.explain(images, targets).forEach((technique, m) -> byName.put(technique.label(), m));
        lower.explain(images, targets).forEach((technique, m) -> byName.put("lower:" + technique.label(), m));
        byName.forEach((name, m) -> {
            for (int i = 0; i < m.size(); i++) {
                out.put(prefix + "|" + name + "|" + (firstImage + i), m.map(i));
            }
        });
        try (NDManager scope = images.getManager().newSubManager()) {
            TappedPass taps = primary.model().forwardBackward(scope, images, targets);
            for (int i = 0; i < targets.length; i++) {
                out.put(prefix + "|logits|" + (firstImage + i), taps.logits().get(i).toFloatArray());
                for (String tap : primary.model().tapNames()) {
                    out.put(prefix + "|gradient:" + tap + "|" + (firstImage + i), taps.gradient(tap).get(i).toFloatArray());
                }
            }
        }
    }

    private static String key(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(key.length() == 0 ? "" : "|").append(part);
        }
        return key.toString();
    }
}
