package io.github.cscore.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.time.Instant;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of one timeline record (schema in {@code docs/timeline.md}): a checkpoint result
 * or an alert event. Undefined numbers (NaN) are written as {@code null}, since JSON has no NaN.
 * Reading is strict: a missing field or a field of the wrong type is an error naming the field.
 */
final class TimelineJson {

    /**
     * The schema written. Schema 1 (checkpoints only, no {@code record} field) and 2 (no step,
     * confidence or explanation signals) are still read.
     */
    static final int SCHEMA = 3;
    static final String CHECKPOINT = "checkpoint";
    static final String ALERT = "alert";
    private static final String SCORED = "scored";
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
            ExplanationSignals signals = result.signals(consistency.classIndex());
            putNumber(classNode, "drift_previous", signals.driftFromPrevious());
            putNumber(classNode, "drift_reference", signals.driftFromReference());
            putNumber(classNode, "cross_class", signals.crossClassSimilarity());
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
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Record record = new Record(root, "");
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

    private static CheckpointResult checkpoint(Record root, int schema) {
        List<ClassMetrics> classes = new ArrayList<>();
        for (Record node : root.array("classes")) {
            classes.add(new ClassMetrics(node.integer("index"), node.text("name"), node.integer("sample_size"),
                    node.integer("gold_size"), node.number("auc"), schema >= 3 ? node.number("confidence") : Double.NaN));
        }
        List<String> names = classes.stream().map(ClassMetrics::name).toList();
        Map<Technique, TechniqueResult> techniques = new TreeMap<>();
        Record techniqueNodes = root.object("techniques");
        for (Iterator<String> labels = techniqueNodes.node.fieldNames(); labels.hasNext(); ) {
            String label = labels.next();
            Technique technique = Technique.recorded(label);
            techniques.put(technique, technique(technique, techniqueNodes.object(label), names, schema));
        }
        String status = root.text("status");
        double step = schema >= 3 ? root.number("step") : Double.NaN;
        return new CheckpointResult(root.text("run"), root.text("model"), root.integer("epoch"),
                Double.isNaN(step) ? -1 : (int) step, phase(root.text("phase")), root.instant("finished_at"), root.number("seconds"),
                root.number("pass_seconds"), root.integer("sample_size"), root.number("accuracy"),
                root.number("macro_auc"), classes, techniques, SCORED.equals(status) ? null : skipReason(status),
                root.text("detail"), schema >= 2 && root.bool("engine_safe_path"));
    }

    private static TechniqueResult technique(Technique technique, Record node, List<String> classNames, int schema) {
        String status = node.text("status");
        double seconds = node.number("seconds");
        if (!SCORED.equals(status)) {
            return TechniqueResult.skipped(technique, skipReason(status), node.text("detail"), seconds);
        }
        List<ClassScore> classes = new ArrayList<>();
        List<ExplanationSignals> signals = new ArrayList<>();
        for (Record classNode : node.array("classes")) {
            int index = classes.size();
            String name = classNode.text("name");
            if (index >= classNames.size() || !classNames.get(index).equals(name)) {
                throw new IllegalArgumentException(classNode.path + "name '" + name + "' is not class " + index
                        + " of the checkpoint");
            }
            int gold = classNode.integer("gold_size");
            int flat = classNode.integer("flat_maps");
            String reason = classNode.optionalText("undefined_reason");
            classes.add(reason == null
                    ? ClassScore.defined(index, classNode.number("score"), gold, flat)
                    : ClassScore.undefined(index, gold, flat, reason));
            if (schema >= 3) {
                signals.add(new ExplanationSignals(classNode.number("drift_previous"),
                        classNode.number("drift_reference"), classNode.number("cross_class")));
            }
        }
        return TechniqueResult.scored(technique, classes, seconds).withSignals(signals);
    }

    private static AlertEvent alert(Record root) {
        return new AlertEvent(root.text("rule"), Severity.fromLabel(root.text("severity")),
                AlertEvent.State.fromLabel(root.text("state")), root.text("run"), root.text("model"),
                root.integer("epoch"), root.text("technique"), root.text("class"), root.number("value"),
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

    /** A JSON object read strictly: every accessor names the field it could not read. */
    private record Record(JsonNode node, String path) {

        private JsonNode required(String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                throw new IllegalArgumentException("field '" + path + field + "' is missing");
            }
            return value;
        }

        private IllegalArgumentException wrongType(String field, String expected, JsonNode value) {
            return new IllegalArgumentException(
                    "field '" + path + field + "' must be " + expected + ", but was " + value);
        }

        int integer(String field) {
            JsonNode value = required(field);
            if (!value.isInt()) {
                throw wrongType(field, "an integer", value);
            }
            return value.intValue();
        }

        /** A number, or NaN where the file says {@code null}. */
        double number(String field) {
            JsonNode value = required(field);
            if (value.isNull()) {
                return Double.NaN;
            }
            if (!value.isNumber()) {
                throw wrongType(field, "a number or null", value);
            }
            return value.doubleValue();
        }

        boolean bool(String field) {
            JsonNode value = required(field);
            if (!value.isBoolean()) {
                throw wrongType(field, "true or false", value);
            }
            return value.booleanValue();
        }

        String text(String field) {
            JsonNode value = required(field);
            if (!value.isTextual()) {
                throw wrongType(field, "a string", value);
            }
            return value.textValue();
        }

        String optionalText(String field) {
            JsonNode value = required(field);
            if (value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw wrongType(field, "a string or null", value);
            }
            return value.textValue();
        }

        Instant instant(String field) {
            String text = text(field);
            try {
                return Instant.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("field '" + path + field + "' must be an ISO-8601 instant, but was \""
                        + text + "\"", e);
            }
        }

        Record object(String field) {
            JsonNode value = required(field);
            if (!value.isObject()) {
                throw wrongType(field, "an object", value);
            }
            return new Record(value, path + field + ".");
        }

        List<Record> array(String field) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw wrongType(field, "an array", value);
            }
            List<Record> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isObject()) {
                    throw wrongType(field + "[" + i + "]", "an object", item);
                }
                items.add(new Record(item, path + field + "[" + i + "]."));
            }
            return items;
        }
    }
}
