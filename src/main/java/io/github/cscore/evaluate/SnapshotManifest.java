package io.github.cscore.evaluate;

import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.CScoreMonitor;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.score.SoftIou;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sidecar evaluator needs to rebuild a network and its monitor from a folder of saved
 * parameters: the architecture and its {@link NetworkConfig}, the class names, the parameter files'
 * name prefix, the run and model names, the monitor's {@link ScoringSettings}, and the training
 * phase of each saved epoch. Stored as {@value #FILE_NAME} beside the parameter files; the format is
 * described in {@code docs/evaluate.md}.
 *
 * <pre>{@code
 * SnapshotManifest.of(Architecture.RESNET50_V2, config, monitor).write(snapshots);
 * }</pre>
 *
 * @param architecture the architecture the parameters belong to
 * @param network the scale it was built with
 * @param classNames the class names; a label is a position in this list
 * @param prefix the parameter files' prefix: files are {@code <prefix>-NNNN.params}, NNNN the epoch
 * @param run the run name the results carry
 * @param model the model name the results carry
 * @param scoring the settings that decide the monitor's numbers
 * @param phases the training phase of each saved epoch, where known, in epoch order
 */
public record SnapshotManifest(
        Architecture architecture,
        NetworkConfig network,
        List<String> classNames,
        String prefix,
        String run,
        String model,
        ScoringSettings scoring,
        Map<Integer, Phase> phases) {

    /** The manifest's file name inside a snapshot folder. */
    public static final String FILE_NAME = "cscore-snapshots.json";
    /** The name the manifest had before saved parameters were called snapshots; still read. */
    public static final String OLD_FILE_NAME = "cscore-checkpoint.json";
    /** The version of the format this code writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Checks and copies the components.
     *
     * @param architecture the architecture, not null
     * @param network the scale, not null
     * @param classNames as many names as the network has classes
     * @param prefix a non-blank prefix
     * @param run a non-blank run name
     * @param model a non-blank model name
     * @param scoring the scoring settings, not null
     * @param phases the phase of each saved epoch; copied
     * @throws IllegalArgumentException if the class names do not match the network's classes
     */
    public SnapshotManifest {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(scoring, "scoring");
        classNames = List.copyOf(classNames);
        if (classNames.size() != network.numClasses()) {
            throw new IllegalArgumentException("classNames must name the network's " + network.numClasses()
                    + " classes, but were " + classNames);
        }
        nonBlank("prefix", prefix);
        nonBlank("run", run);
        nonBlank("model", model);
        phases = Collections.unmodifiableSortedMap(new TreeMap<>(phases));
    }

    /**
     * The manifest of a network watched by a monitor: class, run and model names and scoring
     * settings are the monitor's, the prefix is the model name, no epoch saved yet.
     *
     * @param architecture the architecture the network was built from
     * @param network the scale it was built with
     * @param monitor the live monitor whose numbers an evaluator must reproduce
     * @return the manifest
     */
    public static SnapshotManifest of(Architecture architecture, NetworkConfig network, CScoreMonitor monitor) {
        return new SnapshotManifest(architecture, network, monitor.classNames(), monitor.modelName(),
                monitor.runName(), monitor.modelName(), monitor.scoringSettings(), Map.of());
    }

    /**
     * Returns the file of the manifest inside a snapshot folder: {@value #FILE_NAME}, or {@value
     * #OLD_FILE_NAME} in a folder written before the rename that has only that.
     *
     * @param directory the snapshot folder
     * @return the manifest file to read or write
     */
    public static Path file(Path directory) {
        Path current = directory.resolve(FILE_NAME);
        Path old = directory.resolve(OLD_FILE_NAME);
        return !Files.exists(current) && Files.exists(old) ? old : current;
    }

    /**
     * Returns this manifest with one more saved epoch.
     *
     * @param epoch the epoch saved
     * @param phase its training phase
     * @return a new manifest
     */
    public SnapshotManifest withPhase(int epoch, Phase phase) {
        SortedMap<Integer, Phase> more = new TreeMap<>(phases);
        more.put(epoch, Objects.requireNonNull(phase, "phase"));
        return new SnapshotManifest(architecture, network, classNames, prefix, run, model, scoring, more);
    }

    /**
     * Returns the phase recorded for an epoch.
     *
     * @param epoch the epoch
     * @return its phase, or empty if the saver did not record it
     */
    public Optional<Phase> phase(int epoch) {
        return Optional.ofNullable(phases.get(epoch));
    }

    /**
     * Builds the network these parameters belong to, not initialised.
     *
     * @return the network
     */
    public Network buildNetwork() {
        return architecture.build(network);
    }

    /**
     * Writes the manifest into a folder, replacing an older one in a single step (written beside,
     * then moved), so a reader never sees half a file.
     *
     * @param directory the snapshot folder, created if missing
     * @throws IOException if it cannot be written
     */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(FILE_NAME);
        Path partial = directory.resolve(FILE_NAME + ".partial");
        Files.writeString(partial, toJson(), StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the manifest of a snapshot folder.
     *
     * @param directory the snapshot folder
     * @return the manifest
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and the problem if it is missing or
     *     malformed
     */
    public static SnapshotManifest read(Path directory) throws IOException {
        Path path = file(directory);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + FILE_NAME + " in " + directory + ": the network cannot be "
                    + "rebuilt without it; attach SnapshotSaver during training or write one with "
                    + "SnapshotManifest.write (docs/evaluate.md)", e);
        }
        try {
            return fromJson(MAPPER.readTree(text));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(path + " is not a valid snapshot manifest: " + firstLine(e), e);
        }
    }

    /**
     * Returns the manifest as JSON text.
     *
     * @return the JSON
     */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("architecture", architecture.label());
        root.set("network", networkJson());
        root.set("class_names", MAPPER.valueToTree(classNames));
        root.put("prefix", prefix);
        root.put("run", run);
        root.put("model", model);
        root.set("scoring", scoringJson());
        ObjectNode saved = root.putObject("phases");
        phases.forEach((epoch, phase) -> saved.put(Integer.toString(epoch), phase.label()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest could not be written as JSON", e);
        }
    }

    private ObjectNode networkJson() {
        ObjectNode node = MAPPER.createObjectNode();
        network.inputSize().ifPresentOrElse(size -> node.put("input_size", size), () -> node.putNull("input_size"));
        node.put("num_classes", network.numClasses());
        node.put("width_multiplier", network.widthMultiplier());
        network.blocksPerStage().ifPresentOrElse(blocks -> node.set("blocks_per_stage", MAPPER.valueToTree(blocks)),
                () -> node.putNull("blocks_per_stage"));
        if (network.maxBlocksPerStage() == Integer.MAX_VALUE) {
            node.putNull("max_blocks_per_stage");
        } else {
            node.put("max_blocks_per_stage", network.maxBlocksPerStage());
        }
        node.put("stem_downsampling", network.stemDownsampling());
        node.put("batch_norm_momentum", network.batchNormMomentum());
        return node;
    }

    private ObjectNode scoringJson() {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode techniques = node.putArray("techniques");
        scoring.techniques().forEach(technique -> techniques.add(technique.label()));
        node.put("sample_per_class", scoring.samplePerClass());
        node.put("batch_size", scoring.batchSize());
        node.put("seed", scoring.seed());
        CScoreConfig cscore = scoring.cscore();
        node.put("gold_threshold", cscore.goldThreshold());
        node.put("min_gold_size", cscore.minGoldSize());
        node.put("resolution", cscore.resolution());
        node.put("gamma", cscore.gamma());
        node.put("similarity", cscore.similarity().name());
        node.put("scorecam_batch_size", scoring.scoreCam().batchSize());
        node.put("scorecam_top_k", scoring.scoreCam().topK());
        node.put("scorecam_selection", scoring.scoreCam().selection().name());
        if (scoring.phase() == null) {
            node.putNull("phase");
        } else {
            node.put("phase", scoring.phase().label());
        }
        return node;
    }

    private static SnapshotManifest fromJson(JsonNode root) {
        int format = required(root, "format").asInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not supported; this version reads " + FORMAT);
        }
        NetworkConfig network = networkFrom(required(root, "network"));
        List<String> classNames = new ArrayList<>();
        required(root, "class_names").forEach(name -> classNames.add(name.asText()));
        SortedMap<Integer, Phase> phases = new TreeMap<>();
        required(root, "phases").properties().forEach(
                entry -> phases.put(Integer.parseInt(entry.getKey()), phase(entry.getValue().asText())));
        return new SnapshotManifest(Architecture.fromLabel(text(root, "architecture")), network, classNames,
                text(root, "prefix"), text(root, "run"), text(root, "model"), scoringFrom(required(root, "scoring")),
                phases);
    }

    private static NetworkConfig networkFrom(JsonNode node) {
        NetworkConfig.Builder builder = NetworkConfig.builder()
                .optNumClasses(required(node, "num_classes").asInt())
                // Written from a float, so the double read back narrows to the same float.
                .optWidthMultiplier((float) required(node, "width_multiplier").asDouble())
                .optStemDownsampling(required(node, "stem_downsampling").asBoolean())
                .optBatchNormMomentum((float) required(node, "batch_norm_momentum").asDouble());
        if (!required(node, "input_size").isNull()) {
            builder.optInputSize(node.get("input_size").asInt());
        }
        if (!required(node, "blocks_per_stage").isNull()) {
            JsonNode blocks = node.get("blocks_per_stage");
            int[] values = new int[blocks.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = blocks.get(i).asInt();
            }
            builder.optBlocksPerStage(values);
        }
        if (!required(node, "max_blocks_per_stage").isNull()) {
            builder.optMaxBlocksPerStage(node.get("max_blocks_per_stage").asInt());
        }
        return builder.build();
    }

    private static ScoringSettings scoringFrom(JsonNode node) {
        List<Technique> techniques = new ArrayList<>();
        required(node, "techniques").forEach(label -> techniques.add(Technique.fromLabel(label.asText())));
        CScoreConfig cscore = CScoreConfig.builder()
                .optGoldThreshold((float) required(node, "gold_threshold").asDouble())
                .optMinGoldSize(required(node, "min_gold_size").asInt())
                .optResolution(required(node, "resolution").asInt())
                .optGamma(required(node, "gamma").asDouble())
                .optSimilarity(SoftIou.valueOf(text(node, "similarity")))
                .build();
        ScoreCamConfig scoreCam = new ScoreCamConfig(required(node, "scorecam_batch_size").asInt(),
                required(node, "scorecam_top_k").asInt(), ChannelSelection.valueOf(text(node, "scorecam_selection")));
        JsonNode phase = required(node, "phase");
        return new ScoringSettings(techniques, required(node, "sample_per_class").asInt(),
                required(node, "batch_size").asInt(), required(node, "seed").asLong(), cscore, scoreCam,
                phase.isNull() ? null : phase(phase.asText()));
    }

    private static Phase phase(String label) {
        for (Phase phase : Phase.values()) {
            if (phase.label().equals(label)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("phase must be transfer or finetune, but was '" + label + "'");
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static void nonBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, but was '" + value + "'");
        }
    }
}
