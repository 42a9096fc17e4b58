package io.github.cscore.monitor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.CamPass;
import io.github.cscore.cam.Technique;
import io.github.cscore.score.AreaDownsampler;
import io.github.cscore.score.CScore;
import io.github.cscore.score.ClassScore;
import io.github.cscore.score.ClassificationSummary;
import io.github.cscore.score.GoldList;

import java.time.Instant;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores one checkpoint: shared passes over the fixed sample in batches, predictions and gold
 * lists, each technique's maps for the gold images, then C-Scores, accuracy and AUC.
 *
 * <p>Gold membership depends only on an image's own prediction, so each batch's gold images are
 * explained while the batch's pass is open, and only their maps, already downsampled to the
 * scoring resolution, are kept until the end.
 */
final class CheckpointScorer {

    private final CamExplainer explainer;
    private final ValidationSample sample;
    private final CScore cscore;
    private final int batchSize;
    private final TechniqueGuards guards;

    CheckpointScorer(
            CamExplainer explainer, ValidationSample sample, CScore cscore, int batchSize, TechniqueGuards guards) {
        this.explainer = explainer;
        this.sample = sample;
        this.cscore = cscore;
        this.batchSize = batchSize;
        this.guards = guards;
    }

    /** Scores the sample with the model as it is now. */
    CheckpointResult score(NDManager parent, Identity identity) {
        long start = System.nanoTime();
        guards.startCheckpoint();
        Map<Technique, TechniqueGuards.Attempt> attempts = new TreeMap<>();
        Map<Technique, GoldMaps> gold = new TreeMap<>();
        for (Technique technique : explainer.techniques()) {
            attempts.put(technique, guards.attempt(technique));
            gold.put(technique, new GoldMaps(sample.classNames().size()));
        }
        int n = sample.size();
        float[][] probabilities = new float[n][];
        long passNanos = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(from + batchSize, n);
            try (NDManager scope = parent.newSubManager()) {
                Batch batch = runBatch(scope, from, to, attempts, gold, probabilities);
                passNanos += batch.passNanos();
                if (batch.degenerate()) {
                    attempts.values().forEach(attempt -> attempt.finish(false));
                    return degenerate(identity, start, passNanos, from, to);
                }
            }
        }
        attempts.values().forEach(attempt -> attempt.finish(true));
        return result(identity, start, passNanos, probabilities, attempts, gold);
    }

    /** The run, model, epoch and phase a checkpoint is reported under. */
    record Identity(String run, String model, int epoch, Phase phase) {}

    private record Batch(long passNanos, boolean degenerate) {}

    private Batch runBatch(
            NDManager scope,
            int from,
            int to,
            Map<Technique, TechniqueGuards.Attempt> attempts,
            Map<Technique, GoldMaps> gold,
            float[][] probabilities) {
        Shape shape = new Shape(to - from).addAll(sample.imageShape());
        NDArray images = scope.create(sample.imagesBetween(from, to), shape);
        int[] labels = sample.labelsBetween(from, to);
        try (CamPass pass = explainer.run(images, labels)) {
            float[][] logits = pass.logits();
            if (!allFinite(logits)) {
                return new Batch(pass.nanos(), true);
            }
            float[][] batchProbabilities = softmax(logits);
            System.arraycopy(batchProbabilities, 0, probabilities, from, to - from);
            int[] goldImages = goldImages(labels, batchProbabilities);
            for (Map.Entry<Technique, TechniqueGuards.Attempt> entry : attempts.entrySet()) {
                TechniqueGuards.Attempt attempt = entry.getValue();
                if (attempt.isActive()) {
                    CamMaps maps = attempt.run(
                            () -> pass.maps(entry.getKey(), goldImages, attempt.deadlineCheck()));
                    if (maps != null && attempt.isActive()) {
                        gold.get(entry.getKey()).add(maps, labels, batchProbabilities, cscore);
                    }
                }
            }
            return new Batch(pass.nanos(), false);
        }
    }

    private int[] goldImages(int[] labels, float[][] probabilities) {
        TreeSet<Integer> members = new TreeSet<>();
        float threshold = cscore.getConfig().getGoldThreshold();
        for (int c = 0; c < sample.classNames().size(); c++) {
            for (int index : GoldList.select(labels, probabilities, c, threshold)) {
                members.add(index);
            }
        }
        return members.stream().mapToInt(Integer::intValue).toArray();
    }

    private CheckpointResult result(
            Identity identity,
            long start,
            long passNanos,
            float[][] probabilities,
            Map<Technique, TechniqueGuards.Attempt> attempts,
            Map<Technique, GoldMaps> gold) {
        int[] labels = sample.labels();
        ClassificationSummary summary = ClassificationSummary.of(labels, probabilities);
        int[] sizes = sample.classSizes();
        float threshold = cscore.getConfig().getGoldThreshold();
        List<ClassMetrics> classes = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            int goldSize = GoldList.select(labels, probabilities, c, threshold).length;
            classes.add(new ClassMetrics(c, sample.classNames().get(c), sizes[c], goldSize, summary.aucPerClass()[c]));
        }
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        attempts.forEach((technique, attempt) -> techniques.put(technique, techniqueResult(technique, attempt, gold.get(technique))));
        return new CheckpointResult(identity.run(), identity.model(), identity.epoch(), identity.phase(),
                Instant.now(), seconds(System.nanoTime() - start), seconds(passNanos), sample.size(),
                summary.accuracy(), summary.macroAuc(), classes, techniques, null, "", false);
    }

    private TechniqueResult techniqueResult(Technique technique, TechniqueGuards.Attempt attempt, GoldMaps maps) {
        if (attempt.failure() != null) {
            return TechniqueResult.skipped(technique, attempt.failure(), attempt.detail(), attempt.seconds());
        }
        long start = System.nanoTime();
        List<ClassScore> classes = maps.score(cscore);
        return TechniqueResult.scored(technique, classes, attempt.seconds() + seconds(System.nanoTime() - start));
    }

    private CheckpointResult degenerate(Identity identity, long start, long passNanos, int from, int to) {
        String detail = "non-finite logits for sample images " + from + " to " + (to - 1)
                + " at epoch " + identity.epoch();
        List<ClassMetrics> classes = new ArrayList<>();
        int[] sizes = sample.classSizes();
        for (int c = 0; c < sizes.length; c++) {
            classes.add(new ClassMetrics(c, sample.classNames().get(c), sizes[c], 0, Double.NaN));
        }
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        for (Technique technique : explainer.techniques()) {
            techniques.put(technique, TechniqueResult.skipped(technique, SkipReason.DEGENERATE, detail, 0));
        }
        return new CheckpointResult(identity.run(), identity.model(), identity.epoch(), identity.phase(),
                Instant.now(), seconds(System.nanoTime() - start), seconds(passNanos), sample.size(),
                Double.NaN, Double.NaN, classes, techniques, SkipReason.DEGENERATE, detail, false);
    }

    private static boolean allFinite(float[][] rows) {
        for (float[] row : rows) {
            for (float value : row) {
                if (!Float.isFinite(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Row-wise softmax in double precision, so that confident rows do not round to exactly 1. */
    static float[][] softmax(float[][] logits) {
        float[][] probabilities = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float logit : logits[i]) {
                max = Math.max(max, logit);
            }
            double[] exp = new double[logits[i].length];
            double sum = 0;
            for (int k = 0; k < exp.length; k++) {
                exp[k] = Math.exp(logits[i][k] - max);
                sum += exp[k];
            }
            probabilities[i] = new float[exp.length];
            for (int k = 0; k < exp.length; k++) {
                probabilities[i][k] = (float) (exp[k] / sum);
            }
        }
        return probabilities;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** One technique's gold maps, per class, at the scoring resolution, with their confidences. */
    private static final class GoldMaps {
        private final List<List<float[]>> maps = new ArrayList<>();
        private final List<List<Float>> confidences = new ArrayList<>();
        private int width = 1;
        private int height = 1;

        GoldMaps(int classes) {
            for (int c = 0; c < classes; c++) {
                maps.add(new ArrayList<>());
                confidences.add(new ArrayList<>());
            }
        }

        void add(CamMaps camMaps, int[] labels, float[][] probabilities, CScore cscore) {
            AreaDownsampler downsampler =
                    AreaDownsampler.toResolution(camMaps.width(), camMaps.height(), cscore.getConfig().getResolution());
            width = downsampler.getTargetWidth();
            height = downsampler.getTargetHeight();
            for (int i = 0; i < camMaps.size(); i++) {
                int image = camMaps.imageIndex(i);
                int label = labels[image];
                maps.get(label).add(downsampler.apply(camMaps.map(i)));
                confidences.get(label).add(probabilities[image][label]);
            }
        }

        List<ClassScore> score(CScore cscore) {
            List<ClassScore> classes = new ArrayList<>();
            for (int c = 0; c < maps.size(); c++) {
                float[] weights = new float[confidences.get(c).size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = confidences.get(c).get(i);
                }
                classes.add(cscore.scoreClass(c, maps.get(c), width, height, weights));
            }
            return classes;
        }
    }
}
