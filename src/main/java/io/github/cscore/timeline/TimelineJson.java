package io.github.cscore.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.ExplanationSignals;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.score.ClassScore;
import io.github.cscore.score.GlobalScore;
import io.github.cscore.storage.StrictJson;

import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of one timeline record (schema in {@code docs/timeline.md}): a checkpoint result
 * or an alert event. Undefined numbers (NaN) are written as {@code null}, since JSON has no NaN.
 * Reading is strict ({@link StrictJson}): a missing field or a field of the wrong type is an
 * error naming the field.
 */
final class TimelineJson {

    /**
     * The schema written. Schema 1 (checkpoints only, no {@code record} field), 2 (no step,
     * confidence or explanation signals) and 3 (no technique status {@code scheduled_out}) are
     * still read.
     */
    static final int SCHEMA = 4;
    static final String CHECKPOINT = "checkpoint";
    static final String ALERT = "alert";
    private static final String SCORED = "scored";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelineJson() {}

    static String toLine(CheckpointResult result) {
        ObjectNode root = header(CHECKPOINT, result.run(), result.model(), result.epoch());
        if (result.step() < 0) {
            root.putNull("step");
        } else {
            root.put("step", result.step());
        }
        root.put("phase", result.phase().label());
        root.put("finished_at", result.finishedAt().toString());
        root.put("seconds", result.seconds());
        root.put("pass_seconds", result.passSeconds());
        root.put("status", result.isScored() ? SCORED : result.skipReason().label());
        root.put("detail", result.detail());
        root.put("engine_safe_path", result.engineSafePath());
        root.put("sample_size", result.sampleSize());
        putNumber(root, "accuracy", result.accuracy());
        putNumber(root, "macro_auc", result.macroAuc());
        ArrayNode classes = root.putArray("classes");
        for (ClassMetrics metrics : result.classes()) {
            ObjectNode node = classes.addObject();
            node.put("index", metrics.index());
            node.put("name", metrics.name());
            node.put("sample_size", metrics.sampleSize());
            node.put("gold_size", metrics.goldSize());
            putNumber(node, "auc", metrics.auc());
            putNumber(node, "confidence", metrics.confidence());
        }
        ObjectNode techniques = root.putObject("techniques");
        result.techniques().forEach((technique, value) -> techniques.set(technique.label(), techniqueNode(value, result)));
        return write(root);
    }

    static String toLine(AlertEvent event) {
        ObjectNode root = header(ALERT, event.run(), event.model(), event.epoch());
        root.put("rule", event.rule());
        root.put("severity", event.severity().label());
        root.put("state", event.state().label());
        root.put("technique", event.technique());
        root.put("class", event.className());
        putNumber(root, "value", event.value());
        putNumber(root, "threshold", event.threshold());
        root.put("message", event.message());
        return write(root);
    }

    private static ObjectNode header(String record, String run, String model, int epoch) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("record", record);
        root.put("run", run);
        root.put("model", model);
        root.put("epoch", epoch);
        return root;
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a timeline record as JSON", e);
        }
    }

    private static ObjectNode techniqueNode(TechniqueResult result, CheckpointResult checkpoint) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", result.isScored() ? SCORED : result.skipReason().label());
        node.put("detail", result.detail());
        node.put("seconds", result.seconds());
        GlobalScore global = result.global();
        ObjectNode globalNode = node.putObject("global");
        putNumber(globalNode, "macro", global.macro());
        putNumber(globalNode, "weighted", global.weighted());
        putNumber(globalNode, "worst", global.worst());
        globalNode.put("worst_class", global.worstClass() < 0 ? null : checkpoint.classNames().get(global.worstClass()));
        globalNode.put("defined_classes", global.definedClasses());
        ArrayNode classes = node.putArray("classes");
        for (ClassScore consistency : result.classes()) {
            ObjectNode classNode = classes.addObject();
            classNode.put("name", checkpoint.classNames().get(consistency.classIndex()));
            putNumber(classNode, "score", consistency.score());
            classNode.put("gold_size", consistency.goldSize());
            classNode.put("flat_maps", consistency.flatMaps());
            classNode.put("undefined_reason", consistency.isDefined() ? null : consistency.undefinedReason());
            if (!result.signals().isEmpty()) {
                ExplanationSignals signals = result.signals(consistency.classIndex());
                putNumber(classNode, "drift_previous", signals.driftFromPrevious());
                putNumber(classNode, "drift_reference", signals.driftFromReference());
                putNumber(classNode, "cross_class", signals.crossClassSimilarity());
            }
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /**
     * Parses one line into a checkpoint result or an alert event.
     *
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    static Object fromLine(String line) {
        StrictJson record = StrictJson.parse(line);
        int schema = record.integer("schema");
        if (schema < 1 || schema > SCHEMA) {
            throw new IllegalArgumentException("unsupported timeline schema " + schema + " (this version reads 1 to "
                    + SCHEMA + (schema > SCHEMA ? "; the file was written by a newer version" : "") + ")");
        }
        String kind = schema == 1 ? CHECKPOINT : record.text("record");
        return switch (kind) {
            case CHECKPOINT -> checkpoint(record, schema);
            case ALERT -> alert(record);
            default -> throw new IllegalArgumentException("unknown record '" + kind + "', expected checkpoint or alert");
        };
    }

    private static CheckpointResult checkpoint(StrictJson root, int schema) {
        List<ClassMetrics> classes = new ArrayList<>();
        for (StrictJson node : root.array("classes")) {
            int index = node.integer("index");
            if (index != classes.size()) {
                throw new IllegalArgumentException("field '" + node.path() + "index' must be " + classes.size()
                        + " (its position), but was " + index);
            }
            int sampleSize = node.count("sample_size");
            classes.add(new ClassMetrics(index, node.text("name"), sampleSize, atMost(node, "gold_size", "sample_size",
                    sampleSize), node.fraction("auc"), schema >= 3 ? node.fraction("confidence") : Double.NaN));
        }
        List<String> names = classes.stream().map(ClassMetrics::name).toList();
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        StrictJson techniqueNodes = root.object("techniques");
        for (String label : techniqueNodes.fieldNames()) {
            Technique technique = Technique.recorded(label);
            techniques.put(technique, technique(technique, techniqueNodes.object(label), names, schema));
        }
        String status = root.text("status");
        int step = schema >= 3 && !root.isNull("step") ? root.count("step") : -1;
        return new CheckpointResult(root.text("run"), root.text("model"), root.count("epoch"), step,
                phase(root.text("phase")), root.instant("finished_at"), root.nonNegative("seconds"),
                root.nonNegative("pass_seconds"), root.count("sample_size"), root.fraction("accuracy"),
                root.fraction("macro_auc"), classes, techniques, SCORED.equals(status) ? null : skipReason(status),
                root.text("detail"), schema >= 2 && root.bool("engine_safe_path"));
    }

    private static TechniqueResult technique(Technique technique, StrictJson node, List<String> classNames,
            int schema) {
        String status = node.text("status");
        double seconds = node.nonNegative("seconds");
        // Recomputed from the classes on reading, but a value out of range means a file edited
        // or damaged: refused, not ignored.
        StrictJson global = node.object("global");
        for (String field : List.of("macro", "weighted", "worst")) {
            global.fraction(field);
        }
        global.count("defined_classes");
        if (!SCORED.equals(status)) {
            SkipReason reason = skipReason(status);
            if (reason == SkipReason.SCHEDULED_OUT && schema < 4) {
                throw new IllegalArgumentException("field '" + node.path() + "status' is 'scheduled_out', which schema "
                        + schema + " does not have (schema 4 and later)");
            }
            return TechniqueResult.skipped(technique, reason, node.text("detail"), seconds);
        }
        List<ClassScore> classes = new ArrayList<>();
        List<ExplanationSignals> signals = new ArrayList<>();
        for (StrictJson classNode : node.array("classes")) {
            int index = classes.size();
            String name = classNode.text("name");
            if (index >= classNames.size() || !classNames.get(index).equals(name)) {
                throw new IllegalArgumentException(classNode.path() + "name '" + name + "' is not class " + index
                        + " of the checkpoint");
            }
            int gold = classNode.count("gold_size");
            int flat = atMost(classNode, "flat_maps", "gold_size", gold);
            String reason = classNode.optionalText("undefined_reason");
            classes.add(reason == null
                    ? ClassScore.defined(index, classNode.fraction("score"), gold, flat)
                    : ClassScore.undefined(index, gold, flat, reason));
            if (schema >= 3 && classNode.has("drift_previous")) {
                signals.add(new ExplanationSignals(classNode.fraction("drift_previous"),
                        classNode.fraction("drift_reference"), classNode.fraction("cross_class")));
            }
        }
        return TechniqueResult.scored(technique, classes, seconds).withSignals(signals);
    }

    /** A count that cannot exceed another of the same object (a gold list within its sample). */
    private static int atMost(StrictJson node, String field, String bound, int limit) {
        int value = node.count(field);
        if (value > limit) {
            throw new IllegalArgumentException("field '" + node.path() + field + "' must be at most its " + bound + " "
                    + limit + ", but was " + value);
        }
        return value;
    }

    private static AlertEvent alert(StrictJson root) {
        return new AlertEvent(root.text("rule"), Severity.fromLabel(root.text("severity")),
                AlertEvent.State.fromLabel(root.text("state")), root.text("run"), root.text("model"),
                root.count("epoch"), root.text("technique"), root.text("class"), root.number("value"),
                root.number("threshold"), root.text("message"));
    }

    private static Phase phase(String label) {
        for (Phase phase : Phase.values()) {
            if (phase.label().equals(label)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + label + "'");
    }

    private static SkipReason skipReason(String label) {
        for (SkipReason reason : SkipReason.values()) {
            if (reason.label().equals(label)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown status '" + label + "'");
    }
}
