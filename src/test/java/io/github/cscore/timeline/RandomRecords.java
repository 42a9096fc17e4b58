package io.github.cscore.timeline;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random records of one run, for the timeline's property tests: any number of classes with any
 * names (quotes, backslashes, non-Latin scripts, astral characters), any subset of techniques with
 * a technique of a user's own, scored or skipped, defined or undefined scores, degenerate
 * checkpoints, alerts; every value anywhere in its range, NaN where the format allows it.
 */
final class RandomRecords {

    private static final String[] PIECES = {"a", "NORMAL", "PNEUMONIA", " ", "\"", "\\", "é", "中文", "\uD83E\uDEC1",
        "<b>", "\t", "/", "null", "{", "0.5", "line\nbreak"};

    private final Random random;
    private final String run;
    private final String model;
    private final List<String> classes = new ArrayList<>();
    private final List<Technique> techniques = new ArrayList<>();
    private int epoch;

    RandomRecords(long seed) {
        this.random = new Random(seed);
        this.run = text();
        this.model = text();
        int classCount = 1 + random.nextInt(4);
        while (classes.size() < classCount) {
            String name = text();
            if (!classes.contains(name)) {
                classes.add(name);
            }
        }
        List<Technique> all = new ArrayList<>(Technique.builtIns());
        all.add(Technique.of("xgradcam", "XGrad-CAM"));
        for (Technique technique : all) {
            if (random.nextInt(3) > 0) {
                techniques.add(technique);
            }
        }
        if (techniques.isEmpty()) {
            techniques.add(Technique.GRAD_CAM);
        }
    }

    Random random() {
        return random;
    }

    /** A sequence of records of this run: checkpoints, and alerts between them. */
    List<Object> records(int count) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(i > 0 && random.nextInt(4) == 0 ? alert() : checkpoint());
        }
        return records;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        int pieces = 1 + random.nextInt(3);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private double fractionOrNaN() {
        int kind = random.nextInt(6);
        return kind == 0 ? Double.NaN : kind == 1 ? 0 : kind == 2 ? 1 : random.nextDouble();
    }

    CheckpointResult checkpoint() {
        epoch += 1 + random.nextInt(3);
        List<ClassMetrics> metrics = new ArrayList<>();
        int sampleSize = 0;
        for (int c = 0; c < classes.size(); c++) {
            int sample = random.nextInt(40);
            sampleSize += sample;
            metrics.add(new ClassMetrics(c, classes.get(c), sample, random.nextInt(sample + 1), fractionOrNaN()));
        }
        boolean degenerate = random.nextInt(8) == 0;
        Map<Technique, TechniqueResult> results = new TreeMap<>();
        for (Technique technique : techniques) {
            results.put(technique, degenerate || random.nextInt(5) == 0
                    ? TechniqueResult.skipped(technique, degenerate ? SkipReason.DEGENERATE
                            : SkipReason.values()[random.nextInt(SkipReason.values().length)], text(), seconds())
                    : TechniqueResult.scored(technique, scores(metrics), seconds()));
        }
        return new CheckpointResult(run, model, epoch, random.nextBoolean() ? -1 : random.nextInt(1 << 20),
                random.nextBoolean() ? Phase.TRANSFER : Phase.FINETUNE,
                Instant.ofEpochSecond(1_600_000_000L + random.nextInt(1 << 28), random.nextInt(1_000_000_000)),
                seconds(), seconds(), sampleSize, degenerate ? Double.NaN : fractionOrNaN(),
                degenerate ? Double.NaN : fractionOrNaN(), metrics, results,
                degenerate ? SkipReason.DEGENERATE : null, degenerate ? text() : "", random.nextBoolean());
    }

    private List<ClassScore> scores(List<ClassMetrics> metrics) {
        List<ClassScore> scores = new ArrayList<>();
        for (ClassMetrics metric : metrics) {
            int gold = metric.goldSize();
            int flat = random.nextInt(gold + 1);
            scores.add(gold >= 2 && random.nextInt(4) > 0
                    ? ClassScore.defined(metric.index(), random.nextDouble(), gold, flat)
                    : ClassScore.undefined(metric.index(), gold, flat, "gold list has " + gold + " instances " + text()));
        }
        return scores;
    }

    private double seconds() {
        return random.nextInt(5) == 0 ? 0 : random.nextDouble() * 1000;
    }

    AlertEvent alert() {
        return new AlertEvent("CScore" + text(), Severity.values()[random.nextInt(Severity.values().length)],
                random.nextBoolean() ? AlertEvent.State.FIRING : AlertEvent.State.RESOLVED, run, model,
                Math.max(epoch, 0), random.nextBoolean() ? techniques.get(0).label() : "",
                random.nextBoolean() ? classes.get(0) : "", random.nextBoolean() ? Double.NaN : random.nextGaussian(),
                random.nextBoolean() ? Double.NaN : random.nextGaussian(), text());
    }

    /** The same run's records under another run name: what a reader must refuse after line 1. */
    CheckpointResult ofAnotherRun(CheckpointResult result) {
        return new CheckpointResult(result.run() + "-other", result.model(), result.epoch(), result.step(),
                result.phase(), result.finishedAt(), result.seconds(), result.passSeconds(), result.sampleSize(), result.accuracy(),
                result.macroAuc(), result.classes(), result.techniques(), result.skipReason(), result.detail(),
                result.engineSafePath());
    }
}
