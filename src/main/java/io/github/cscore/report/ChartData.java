package io.github.cscore.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Phase;
import io.github.cscore.result.ScheduledGaps;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.timeline.Timeline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The numbers the report's charts draw, as one JSON object: per checkpoint (in file order) the
 * epoch, macro AUC, each technique's macro C-Score with the number of classes it covers,
 * per-class C-Scores with the reason of each undefined one and whether the time budget left the
 * technique out, each class's AUC, gold and sample sizes; the epoch between the transfer and
 * fine-tuning phases; the epochs at which alerts started firing; and the thresholds drawn (the
 * C-Score floor, the gold-list minimum). Undefined numbers are {@code null}, which the charts draw
 * as a gap with a marker, never bridged.
 */
final class ChartData {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChartData() {}

    /**
     * Builds the JSON of a timeline's charts.
     *
     * @param timeline the timeline, with at least one checkpoint
     * @param thresholds {@code floor} and {@code goldMinimum}, drawn as lines
     * @return the JSON text
     */
    static String json(Timeline timeline, Map<String, Double> thresholds) {
        List<CheckpointResult> checkpoints = timeline.checkpoints();
        List<String> classes = checkpoints.get(0).classNames();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("floor", thresholds.get("floor"));
        root.put("goldMinimum", thresholds.get("goldMinimum"));
        ArrayNode epochs = root.putArray("epochs");
        checkpoints.forEach(checkpoint -> epochs.add(checkpoint.epoch()));
        putBoundary(root, checkpoints);
        putSeries(root.putArray("macroAuc"), checkpoints, CheckpointResult::macroAuc);
        ArrayNode techniques = root.putArray("techniques");
        for (Technique technique : techniquesOf(checkpoints)) {
            techniques.add(technique(technique, checkpoints, classes.size()));
        }
        ArrayNode classNodes = root.putArray("classes");
        for (int c = 0; c < classes.size(); c++) {
            classNodes.add(classNode(c, classes.get(c), checkpoints));
        }
        putAlerts(root.putArray("alerts"), timeline.alerts());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart data as JSON", e);
        }
    }

    /** Every technique of any checkpoint, in technique order. */
    static Set<Technique> techniquesOf(List<CheckpointResult> checkpoints) {
        Set<Technique> techniques = new TreeSet<>();
        checkpoints.forEach(checkpoint -> techniques.addAll(checkpoint.techniques().keySet()));
        return techniques;
    }

    /**
     * Half-way between the last transfer checkpoint and the first fine-tuning one that follows
     * it; null if the run has no such change.
     */
    private static void putBoundary(ObjectNode root, List<CheckpointResult> checkpoints) {
        for (int i = 1; i < checkpoints.size(); i++) {
            if (checkpoints.get(i - 1).phase() == Phase.TRANSFER && checkpoints.get(i).phase() == Phase.FINETUNE) {
                root.put("boundary", (checkpoints.get(i - 1).epoch() + checkpoints.get(i).epoch()) / 2.0);
                return;
            }
        }
        root.putNull("boundary");
    }

    private static ObjectNode technique(Technique technique, List<CheckpointResult> checkpoints, int classCount) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("label", technique.label());
        node.put("name", technique.displayName());
        putSeries(node.putArray("macro"), checkpoints, checkpoint -> resultOf(checkpoint, technique)
                .map(result -> result.global().macro()).orElse(Double.NaN));
        ArrayNode defined = node.putArray("defined");
        checkpoints.forEach(checkpoint -> defined.add(resultOf(checkpoint, technique)
                .map(result -> result.global().definedClasses()).orElse(0)));
        // Checkpoints the time budget left the technique out of: drawn as no point, the line
        // joining the checkpoints that scored it, where an undefined score breaks the line.
        ArrayNode scheduledOut = node.putArray("scheduledOut");
        checkpoints.forEach(checkpoint -> scheduledOut.add(ScheduledGaps.isScheduledOut(checkpoint, technique)));
        ArrayNode perClass = node.putArray("classes");
        ArrayNode reasons = node.putArray("reasons");
        for (int c = 0; c < classCount; c++) {
            int index = c;
            putSeries(perClass.addArray(), checkpoints, checkpoint -> resultOf(checkpoint, technique)
                    .map(result -> index < result.classes().size() ? result.score(index) : Double.NaN)
                    .orElse(Double.NaN));
            ArrayNode why = reasons.addArray();
            checkpoints.forEach(checkpoint -> why.add(reason(checkpoint, technique, index)));
        }
        return node;
    }

    /** Why a class's score is undefined at a checkpoint; empty when it is defined. */
    private static String reason(CheckpointResult checkpoint, Technique technique, int index) {
        if (!checkpoint.isScored()) {
            return "not scored: " + checkpoint.detail();
        }
        TechniqueResult result = checkpoint.techniques().get(technique);
        if (result == null) {
            return "technique not run";
        }
        if (!result.isScored()) {
            return "skipped (" + result.skipReason().label() + ")";
        }
        return index < result.classes().size() ? result.classes().get(index).undefinedReason() : "class not scored";
    }

    private static java.util.Optional<TechniqueResult> resultOf(CheckpointResult checkpoint, Technique technique) {
        return java.util.Optional.ofNullable(checkpoint.techniques().get(technique));
    }

    private static ObjectNode classNode(int index, String name, List<CheckpointResult> checkpoints) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", name);
        putSeries(node.putArray("auc"), checkpoints, checkpoint -> metrics(checkpoint, index).auc());
        ArrayNode gold = node.putArray("gold");
        ArrayNode sample = node.putArray("sample");
        for (CheckpointResult checkpoint : checkpoints) {
            gold.add(metrics(checkpoint, index).goldSize());
            sample.add(metrics(checkpoint, index).sampleSize());
        }
        return node;
    }

    private static ClassMetrics metrics(CheckpointResult checkpoint, int index) {
        return index < checkpoint.classes().size() ? checkpoint.classes().get(index)
                : new ClassMetrics(index, "", 0, 0, Double.NaN);
    }

    private static void putSeries(ArrayNode series, List<CheckpointResult> checkpoints,
            ToDoubleFunction<CheckpointResult> value) {
        for (CheckpointResult checkpoint : checkpoints) {
            double number = value.applyAsDouble(checkpoint);
            if (Double.isFinite(number)) {
                series.add(number);
            } else {
                series.addNull();
            }
        }
    }

    /** One marker per epoch at which alerts started firing, with their rules. */
    private static void putAlerts(ArrayNode alerts, List<AlertEvent> events) {
        Map<Integer, Set<String>> rulesByEpoch = new TreeMap<>();
        for (AlertEvent event : events) {
            if (event.state() == AlertEvent.State.FIRING) {
                rulesByEpoch.computeIfAbsent(event.epoch(), epoch -> new TreeSet<>()).add(event.rule());
            }
        }
        rulesByEpoch.forEach((epoch, rules) -> {
            ObjectNode node = alerts.addObject();
            node.put("epoch", epoch);
            node.put("rules", String.join(", ", rules));
        });
    }
}
