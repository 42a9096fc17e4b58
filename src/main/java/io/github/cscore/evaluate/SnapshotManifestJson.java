package io.github.cscore.evaluate;

import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.score.SoftIou;
import io.github.cscore.storage.Sha256;
import io.github.cscore.storage.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON form of a {@link SnapshotManifest} (format in {@code docs/evaluate.md}), read with the
 * timeline's strict policy ({@link StrictJson}): a missing, mistyped or unknown value is an error
 * naming the field by its path ({@code field 'network.input_size' must be an integer}).
 */
final class SnapshotManifestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private SnapshotManifestJson() {}

    static String write(SnapshotManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", SnapshotManifest.FORMAT);
        root.put("architecture", manifest.architecture().label());
        root.set("network", network(manifest.network()));
        root.set("class_names", MAPPER.valueToTree(manifest.classNames()));
        root.put("prefix", manifest.prefix());
        root.put("run", manifest.run());
        root.put("model", manifest.model());
        root.set("scoring", scoring(manifest.scoring()));
        ObjectNode saved = root.putObject("snapshots");
        manifest.saved().forEach((epoch, entry) -> {
            ObjectNode node = saved.putObject(Integer.toString(epoch));
            node.put("phase", entry.phase().label());
            node.put("sha256", entry.sha256());
            if (entry.step() >= 0) {
                node.put("step", entry.step());
            }
        });
        return text(MAPPER, root) + "\n";
    }

    /**
     * What the saved parameters are bound to: architecture, network scale and class names, as one
     * line of JSON. The saver stores it in each parameter file's header (a DJL model property),
     * so that a manifest edited afterwards can be caught contradicting the parameters.
     */
    static String binding(SnapshotManifest manifest) {
        return text(COMPACT, bindingNode(manifest));
    }

    private static ObjectNode bindingNode(SnapshotManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("architecture", manifest.architecture().label());
        root.set("network", network(manifest.network()));
        root.set("class_names", MAPPER.valueToTree(manifest.classNames()));
        return root;
    }

    private static String text(ObjectMapper mapper, ObjectNode root) {
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest could not be written as JSON", e);
        }
    }

    static ObjectNode network(NetworkConfig network) {
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

    private static ObjectNode scoring(ScoringSettings scoring) {
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

    /**
     * Parses a manifest.
     *
     * @throws IllegalArgumentException naming the first field that is missing or malformed
     */
    static SnapshotManifest read(String text) {
        StrictJson root = StrictJson.parse(text);
        int format = root.integer("format");
        if (format < 1 || format > SnapshotManifest.FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not supported; this version reads 1 to "
                    + SnapshotManifest.FORMAT);
        }
        NetworkConfig network = network(root.object("network"));
        return new SnapshotManifest(root.label("architecture", Architecture::fromLabel), network,
                root.texts("class_names"), root.text("prefix"), root.text("run"), root.text("model"),
                scoring(root.object("scoring")), format == 1 ? phases(root.object("phases")) : saved(root));
    }

    /** Format 1: the phase of each saved epoch, no digests. */
    private static SortedMap<Integer, SavedEpoch> phases(StrictJson phases) {
        SortedMap<Integer, SavedEpoch> saved = new TreeMap<>();
        for (String epoch : phases.fieldNames()) {
            saved.put(epoch(phases, epoch), SavedEpoch.of(phases.label(epoch, SnapshotManifestJson::phase)));
        }
        return saved;
    }

    private static SortedMap<Integer, SavedEpoch> saved(StrictJson root) {
        SortedMap<Integer, SavedEpoch> saved = new TreeMap<>();
        StrictJson snapshots = root.object("snapshots");
        for (String epoch : snapshots.fieldNames()) {
            StrictJson entry = snapshots.object(epoch);
            String sha256 = entry.optionalText("sha256");
            if (sha256 != null && !Sha256.isHex(sha256)) {
                throw new IllegalArgumentException("field '" + entry.path() + "sha256' must be 64 lower-case hex "
                        + "digits or null, but was \"" + sha256 + "\"");
            }
            int step = entry.has("step") ? entry.count("step") : -1;
            saved.put(epoch(snapshots, epoch),
                    new SavedEpoch(entry.label("phase", SnapshotManifestJson::phase), sha256, step));
        }
        return saved;
    }

    private static int epoch(StrictJson saved, String key) {
        if (!key.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("field '" + saved.path() + key + "': an epoch must be a whole number");
        }
        return Integer.parseInt(key);
    }

    private static NetworkConfig network(StrictJson node) {
        NetworkConfig.Builder builder = NetworkConfig.builder()
                .optNumClasses(node.integer("num_classes"))
                // Written from a float, so the double read back narrows to the same float.
                .optWidthMultiplier((float) node.requiredNumber("width_multiplier"))
                .optStemDownsampling(node.bool("stem_downsampling"))
                .optBatchNormMomentum((float) node.requiredNumber("batch_norm_momentum"));
        if (!node.isNull("input_size")) {
            builder.optInputSize(node.integer("input_size"));
        }
        if (!node.isNull("blocks_per_stage")) {
            builder.optBlocksPerStage(node.integers("blocks_per_stage"));
        }
        if (!node.isNull("max_blocks_per_stage")) {
            builder.optMaxBlocksPerStage(node.integer("max_blocks_per_stage"));
        }
        return builder.build();
    }

    private static ScoringSettings scoring(StrictJson node) {
        List<Technique> techniques = new ArrayList<>();
        List<String> labels = node.texts("techniques");
        for (int i = 0; i < labels.size(); i++) {
            try {
                techniques.add(Technique.fromLabel(labels.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + node.path() + "techniques[" + i + "]': " + e.getMessage(), e);
            }
        }
        CScoreConfig cscore = CScoreConfig.builder()
                .optGoldThreshold((float) node.requiredNumber("gold_threshold"))
                .optMinGoldSize(node.integer("min_gold_size"))
                .optResolution(node.integer("resolution"))
                .optGamma(node.requiredNumber("gamma"))
                .optSimilarity(node.label("similarity", SoftIou::valueOf))
                .build();
        ScoreCamConfig scoreCam = new ScoreCamConfig(node.integer("scorecam_batch_size"), node.integer("scorecam_top_k"),
                node.label("scorecam_selection", ChannelSelection::valueOf));
        Phase phase = node.isNull("phase") ? null : node.label("phase", SnapshotManifestJson::phase);
        return new ScoringSettings(techniques, node.integer("sample_per_class"), node.integer("batch_size"),
                node.longInteger("seed"), cscore, scoreCam, phase);
    }

    private static Phase phase(String label) {
        for (Phase phase : Phase.values()) {
            if (phase.label().equals(label)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("phase must be transfer or finetune, but was '" + label + "'");
    }
}
