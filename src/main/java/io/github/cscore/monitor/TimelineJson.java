package io.github.cscore.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cscore.cam.Technique;
import io.github.cscore.score.ClassConsistency;
import io.github.cscore.score.GlobalConsistency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a checkpoint result, one line of the timeline (schema version 1, described in
 * {@code docs/timeline.md}). Undefined numbers (NaN) are written as {@code null}, since JSON has no
 * NaN.
 */
final class TimelineJson {

    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TimelineJson() {}

    static String toLine(CheckpointResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("run", result.run());
        root.put("model", result.model());
        root.put("epoch", result.epoch());
        root.put("phase", result.phase().label());
        root.put("finished_at", result.finishedAt().toString());
        root.put("seconds", result.seconds());
        root.put("pass_seconds", result.passSeconds());
        root.put("status", result.isScored() ? "scored" : result.skipReason().label());
        root.put("detail", result.detail());
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
        }
        ObjectNode techniques = root.putObject("techniques");
        result.techniques().forEach((technique, value) -> techniques.set(technique.label(), techniqueNode(value, result)));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint as JSON", e);
        }
    }

    private static ObjectNode techniqueNode(TechniqueResult result, CheckpointResult checkpoint) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", result.isScored() ? "scored" : result.skipReason().label());
        node.put("detail", result.detail());
        node.put("seconds", result.seconds());
        GlobalConsistency global = result.global();
        ObjectNode globalNode = node.putObject("global");
        putNumber(globalNode, "macro", global.macro());
        putNumber(globalNode, "weighted", global.weighted());
        putNumber(globalNode, "worst", global.worst());
        globalNode.put("worst_class", global.worstClass() < 0 ? null : checkpoint.classNames().get(global.worstClass()));
        globalNode.put("defined_classes", global.definedClasses());
        ArrayNode classes = node.putArray("classes");
        for (ClassConsistency consistency : result.classes()) {
            ObjectNode classNode = classes.addObject();
            classNode.put("name", checkpoint.classNames().get(consistency.classIndex()));
            putNumber(classNode, "score", consistency.score());
            classNode.put("gold_size", consistency.goldSize());
            classNode.put("flat_maps", consistency.flatMaps());
            classNode.put("undefined_reason", consistency.isDefined() ? null : consistency.undefinedReason());
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

    static CheckpointResult fromLine(String line) throws JsonProcessingException {
        JsonNode root = MAPPER.readTree(line);
        int schema = root.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("unsupported timeline schema " + schema + ", expected " + SCHEMA);
        }
        List<ClassMetrics> classes = new ArrayList<>();
        for (JsonNode node : root.path("classes")) {
            classes.add(new ClassMetrics(node.path("index").asInt(), node.path("name").asText(),
                    node.path("sample_size").asInt(), node.path("gold_size").asInt(), number(node, "auc")));
        }
        Map<Technique, TechniqueResult> techniques = new EnumMap<>(Technique.class);
        root.path("techniques").fields().forEachRemaining(entry -> {
            Technique technique = Technique.fromLabel(entry.getKey());
            techniques.put(technique, techniqueFrom(technique, entry.getValue()));
        });
        String status = root.path("status").asText();
        return new CheckpointResult(root.path("run").asText(), root.path("model").asText(),
                root.path("epoch").asInt(), phase(root.path("phase").asText()),
                Instant.parse(root.path("finished_at").asText()), root.path("seconds").asDouble(),
                root.path("pass_seconds").asDouble(), root.path("sample_size").asInt(),
                number(root, "accuracy"), number(root, "macro_auc"), classes, techniques,
                "scored".equals(status) ? null : skipReason(status), root.path("detail").asText());
    }

    private static TechniqueResult techniqueFrom(Technique technique, JsonNode node) {
        String status = node.path("status").asText();
        double seconds = node.path("seconds").asDouble();
        if (!"scored".equals(status)) {
            return TechniqueResult.skipped(technique, skipReason(status), node.path("detail").asText(), seconds);
        }
        List<ClassConsistency> classes = new ArrayList<>();
        int index = 0;
        for (JsonNode classNode : node.path("classes")) {
            int gold = classNode.path("gold_size").asInt();
            int flat = classNode.path("flat_maps").asInt();
            classes.add(classNode.path("undefined_reason").isNull() || classNode.path("undefined_reason").isMissingNode()
                    ? ClassConsistency.defined(index, number(classNode, "score"), gold, flat)
                    : ClassConsistency.undefined(index, gold, flat, classNode.path("undefined_reason").asText()));
            index++;
        }
        return TechniqueResult.scored(technique, classes, seconds);
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
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
