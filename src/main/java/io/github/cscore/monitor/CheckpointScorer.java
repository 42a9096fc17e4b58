package io.github.cscore.monitor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.cam.CamExplainer;
import io.github.cscore.cam.CamMaps;
import io.github.cscore.cam.CamPass;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.CScore;
import io.github.cscore.score.ClassScore;
import io.github.cscore.score.ClassificationSummary;
import io.github.cscore.score.GoldMaps;
import io.github.cscore.score.SampleMaps;
import io.github.cscore.score.Softmax;

import java.time.Instant;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

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
    private final boolean engineTrusted;
    private final ExplanationMemory memory;

    CheckpointScorer(CamExplainer explainer, ValidationSample sample, CScore cscore, int batchSize,
            TechniqueGuards guards, boolean engineTrusted) {
        this.explainer = explainer;
        this.sample = sample;
        this.cscore = cscore;
        this.batchSize = batchSize;
        this.guards = guards;
        this.engineTrusted = engineTrusted;
        this.memory = new ExplanationMemory(cscore.config().similarity());
    }

    /** The explainer the checkpoints run, also for the example images. */
    CamExplainer explainer() {
        return explainer;
    }

    /**
     * Scores the sample with the model as it is now, every technique run in full. The result's
     * maps stay pending in the explanation memory until {@link #commit} or {@link #abandon}.
     */
    CheckpointResult score(NDManager parent, CheckpointResult.Identity identity) {
        return score(parent, identity, CheckpointPlan.EVERYTHING);
    }

    /**
     * Scores the sample with the model as it is now, each technique as the plan says: run, left
     * out ({@link SkipReason#SCHEDULED_OUT}), or probed on one image of the first batch and then
     * run or left out. The result's maps stay pending until {@link #commit} or {@link #abandon}.
     */
    CheckpointResult score(NDManager parent, CheckpointResult.Identity identity, CheckpointPlan plan) {
        long start = guards.nanoTime();
        guards.startCheckpoint();
        Run run = new Run(plan, new TreeMap<>(), new TreeMap<>(), new HashSet<>());
        int classes = sample.classNames().size();
        for (Technique technique : explainer.techniques()) {
            run.attempts().put(technique, attempt(technique, plan.decision(technique), run.probing()));
            run.maps().put(technique, new Maps(new GoldMaps(classes, cscore.config().resolution()), new SampleMaps(
                    sample.labels(), classes, cscore.config().resolution(), cscore.config().gamma())));
        }
        int n = sample.size();
        float[][] probabilities = new float[n][];
        int[] goldSizes = new int[classes];
        long passNanos = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(from + batchSize, n);
            try (NDManager scope = parent.newSubManager()) {
                Batch batch = runBatch(scope, from, to, run, probabilities, goldSizes);
                passNanos += batch.passNanos();
                if (batch.degenerate()) {
                    run.attempts().values().forEach(attempt -> attempt.finish(false));
                    memory.discard();
                    return degenerate(identity, start, passNanos, from, to);
                }
            }
        }
        run.attempts().values().forEach(attempt -> attempt.finish(true));
        return result(identity, start, passNanos, probabilities, goldSizes, run.attempts(), run.maps());
    }

    /** The scored checkpoint is published: its maps become the memory's previous ones. */
    void commit(CheckpointResult result) {
        memory.advance(result.macroAuc());
    }

    /** The scored checkpoint will not be published (it is scored again): its maps are forgotten. */
    void abandon() {
        memory.discard();
    }

    /** The images a technique explained at a checkpoint: every sample image, or the gold ones. */
    int explainedImages(Technique technique, CheckpointResult result) {
        return explainer.explainsEverySampleImage(technique) ? sample.size()
                : result.classes().stream().mapToInt(ClassMetrics::goldSize).sum();
    }

    private TechniqueGuards.Attempt attempt(Technique technique, TechniqueScheduler.Decision decision,
            Set<Technique> probing) {
        if (!engineTrusted) {
            return guards.refused(technique, SkipReason.ENGINE_FAULT, "the engine's convolutions are wrong even one "
                    + "image at a time; run with DNNL_MAX_CPU_ISA=SSE41 (docs/engine.md)");
        }
        if (decision.kind() == TechniqueScheduler.Kind.OUT) {
            return guards.scheduledOut(technique, decision.detail());
        }
        if (decision.kind() == TechniqueScheduler.Kind.PROBE) {
            probing.add(technique);
        }
        return guards.attempt(technique);
    }

    private record Batch(long passNanos, boolean degenerate) {}

    /** One checkpoint's plan, attempts, maps, and the techniques still to be probed. */
    private record Run(CheckpointPlan plan, Map<Technique, TechniqueGuards.Attempt> attempts,
            Map<Technique, Maps> maps, Set<Technique> probing) {}

    /** One technique's maps of a checkpoint: the gold lists it scores, and every image it explained. */
    private record Maps(GoldMaps gold, SampleMaps all) {}

    private Batch runBatch(NDManager scope, int from, int to, Run run, float[][] probabilities, int[] goldSizes) {
        Shape shape = new Shape(to - from).addAll(sample.imageShape());
        NDArray images = scope.create(sample.imagesBetween(from, to), shape);
        int[] labels = sample.labelsBetween(from, to);
        try (CamPass pass = explainer.run(images, labels)) {
            float[][] logits = pass.logits();
            if (!allFinite(logits)) {
                return new Batch(pass.nanos(), true);
            }
            float[][] batchProbabilities = Softmax.rows(logits);
            System.arraycopy(batchProbabilities, 0, probabilities, from, to - from);
            int[][] goldLists = cscore.goldLists(labels, batchProbabilities);
            for (int c = 0; c < goldLists.length; c++) {
                goldSizes[c] += goldLists[c].length;
            }
            int[] goldImages = Arrays.stream(goldLists).flatMapToInt(Arrays::stream).sorted().toArray();
            int[] allImages = IntStream.range(0, to - from).toArray();
            // What this checkpoint costs besides its techniques, as far as the first batch tells.
            double baseEstimate = pass.nanos() / 1e9 * Math.ceil(sample.size() / (double) batchSize);
            for (Map.Entry<Technique, TechniqueGuards.Attempt> entry : run.attempts().entrySet()) {
                TechniqueGuards.Attempt attempt = entry.getValue();
                Technique technique = entry.getKey();
                int[] explained = explainer.explainsEverySampleImage(technique) ? allImages : goldImages;
                // Probing an image the technique does not explain would pay for a map nobody reads:
                // with nothing to explain here, it is probed in a later batch or checkpoint.
                if (attempt.isActive() && explained.length > 0 && run.probing().remove(technique)) {
                    explained = probe(pass, technique, attempt, explained, run, baseEstimate,
                            new Placing(from, goldImages, labels, batchProbabilities));
                }
                if (attempt.isActive()) {
                    int[] rest = explained;
                    CamMaps camMaps = attempt.run(() -> pass.maps(technique, rest, attempt.deadlineCheck()));
                    if (camMaps != null && attempt.isActive()) {
                        addMaps(run.maps().get(technique), camMaps,
                                new Placing(from, goldImages, labels, batchProbabilities));
                    }
                }
            }
            return new Batch(pass.nanos(), false);
        }
    }

    /**
     * Explains the first image the technique explains in this batch to measure its cost, then asks
     * the plan whether it runs in full. The map is kept.
     *
     * @return the images still to explain; the attempt is left out if the plan says so
     */
    private int[] probe(CamPass pass, Technique technique, TechniqueGuards.Attempt attempt, int[] explained, Run run,
            double baseEstimate, Placing placing) {
        int image = explained[0];
        double before = attempt.seconds();
        CamMaps camMaps = attempt.run(() -> pass.maps(technique, new int[] {image}, attempt.deadlineCheck()));
        if (!attempt.isActive()) {
            return explained;
        }
        TechniqueScheduler.Decision decision = run.plan().afterProbe(technique, attempt.seconds() - before,
                baseEstimate);
        if (decision.kind() == TechniqueScheduler.Kind.OUT) {
            attempt.scheduleOut(decision.detail());
            return explained;
        }
        addMaps(run.maps().get(technique), camMaps, placing);
        return Arrays.copyOfRange(explained, 1, explained.length);
    }

    /** Where a batch's maps go: its offset in the sample, its gold images, labels and probabilities. */
    private record Placing(int from, int[] goldImages, int[] labels, float[][] probabilities) {}

    /** Adds every map to the sample's maps, and the gold images' to their gold lists. */
    private static void addMaps(Maps maps, CamMaps camMaps, Placing placing) {
        for (int i = 0; i < camMaps.size(); i++) {
            int image = camMaps.imageIndex(i);
            float[] map = camMaps.map(i);
            maps.all().add(placing.from() + image, map, camMaps.width(), camMaps.height());
            if (Arrays.binarySearch(placing.goldImages(), image) >= 0) {
                int label = placing.labels()[image];
                maps.gold().add(label, map, camMaps.width(), camMaps.height(), placing.probabilities()[image][label]);
            }
        }
    }

    private CheckpointResult result(
            CheckpointResult.Identity identity,
            long start,
            long passNanos,
            float[][] probabilities,
            int[] goldSizes,
            Map<Technique, TechniqueGuards.Attempt> attempts,
            Map<Technique, Maps> maps) {
        ClassificationSummary summary = ClassificationSummary.of(sample.labels(), probabilities);
        int[] sizes = sample.classSizes();
        double[] confidence = meanConfidence(probabilities);
        List<ClassMetrics> classes = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            classes.add(new ClassMetrics(c, sample.classNames().get(c), sizes[c], goldSizes[c],
                    summary.aucPerClass()[c], confidence[c]));
        }
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        attempts.forEach((technique, attempt) ->
                techniques.put(technique, techniqueResult(technique, attempt, maps.get(technique))));
        return CheckpointResult.scored(identity, timing(start, passNanos), summary.accuracy(), summary.macroAuc(),
                classes, techniques, explainer.model().isOneImageAtATime());
    }

    private TechniqueResult techniqueResult(Technique technique, TechniqueGuards.Attempt attempt, Maps maps) {
        if (attempt.failure() != null) {
            return TechniqueResult.skipped(technique, attempt.failure(), attempt.detail(), attempt.seconds());
        }
        long start = guards.nanoTime();
        List<ClassScore> classes = cscore.score(maps.gold());
        List<ExplanationSignals> signals = memory.signals(technique, maps.all(), classes.size());
        return TechniqueResult.scored(technique, classes, attempt.seconds() + seconds(guards.nanoTime() - start))
                .withSignals(signals);
    }

    /** The mean probability of each class on the sample images of that class. */
    private double[] meanConfidence(float[][] probabilities) {
        int[] labels = sample.labels();
        double[] total = new double[sample.classNames().size()];
        int[] count = new int[total.length];
        for (int i = 0; i < labels.length; i++) {
            total[labels[i]] += probabilities[i][labels[i]];
            count[labels[i]]++;
        }
        for (int c = 0; c < total.length; c++) {
            total[c] = count[c] == 0 ? Double.NaN : Math.min(1, total[c] / count[c]);
        }
        return total;
    }

    private CheckpointResult degenerate(CheckpointResult.Identity identity, long start, long passNanos, int from, int to) {
        String detail = "non-finite logits for sample images " + from + " to " + (to - 1)
                + " at epoch " + identity.epoch();
        List<ClassMetrics> classes = new ArrayList<>();
        int[] sizes = sample.classSizes();
        for (int c = 0; c < sizes.length; c++) {
            classes.add(new ClassMetrics(c, sample.classNames().get(c), sizes[c], 0, Double.NaN));
        }
        return CheckpointResult.degenerate(identity, timing(start, passNanos), classes, explainer.techniques(), detail,
                explainer.model().isOneImageAtATime());
    }

    private CheckpointResult.Timing timing(long start, long passNanos) {
        return new CheckpointResult.Timing(Instant.now(), seconds(guards.nanoTime() - start), seconds(passNanos));
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

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
