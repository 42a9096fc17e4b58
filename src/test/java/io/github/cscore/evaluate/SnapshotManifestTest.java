package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.cam.ChannelSelection;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.NetworkConfig;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;
import io.github.cscore.score.SoftIou;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class SnapshotManifestTest {

    private static final ScoringSettings SCORING = new ScoringSettings(
            List.of(Technique.SCORE_CAM, Technique.GRAD_CAM), 12, 4, -3,
            CScoreConfig.builder().optGoldThreshold(0.7f).optMinGoldSize(3).optResolution(32).optGamma(1.5)
                    .optSimilarity(SoftIou.PRODUCT).build(),
            new ScoreCamConfig(8, 16, ChannelSelection.ACTIVATION_VARIANCE), Phase.FINETUNE);

    @Test
    void everyValueSurvivesWritingAndReading(@TempDir Path folder) throws IOException {
        NetworkConfig network = NetworkConfig.builder().optInputSize(96).optNumClasses(3).optWidthMultiplier(0.1f)
                .optBlocksPerStage(1, 2, 1, 2).optMaxBlocksPerStage(2).optStemDownsampling(false)
                .optBatchNormMomentum(0.99f).build();
        SnapshotManifest manifest = new SnapshotManifest(Architecture.DENSENET201, network, List.of("a", "b", "c"),
                "densenet201", "run-1", "dn", SCORING, Map.of(2, SavedEpoch.of(Phase.TRANSFER),
                10, new SavedEpoch(Phase.FINETUNE, "0123456789abcdef".repeat(4), 40)));

        manifest.write(folder);
        SnapshotManifest read = SnapshotManifest.read(folder);

        assertEquals(manifest, read);
        assertEquals(List.of(2, 10), List.copyOf(read.saved().keySet()), "epochs in numeric order");
    }

    @Test
    void theReferenceScaleKeepsItsUnsetValues(@TempDir Path folder) throws IOException {
        SnapshotManifest manifest = new SnapshotManifest(Architecture.RESNET50_V2,
                NetworkConfig.builder().optNumClasses(2).build(), List.of("NORMAL", "PNEUMONIA"), "r", "run", "m",
                ScoringSettings.ofDefaults(), Map.of());

        manifest.write(folder);

        assertEquals(manifest, SnapshotManifest.read(folder));
        assertTrue(Files.readString(SnapshotManifest.file(folder)).contains("\"input_size\" : null"));
    }

    @Test
    void aMissingManifestSaysHowToGetOne(@TempDir Path folder) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SnapshotManifest.read(folder));

        assertEquals("no cscore-snapshots.json in " + folder + ": the network cannot be rebuilt without it; attach "
                + "SnapshotSaver during training or write one with SnapshotManifest.write (docs/evaluate.md)",
                error.getMessage());
    }

    @Test
    void aManifestWithoutAFieldNamesTheField(@TempDir Path folder) throws IOException {
        Files.writeString(SnapshotManifest.file(folder), "{\"format\": 2, \"architecture\": \"resnet50v2\"}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SnapshotManifest.read(folder));

        assertEquals(SnapshotManifest.file(folder) + " is not a valid snapshot manifest: field 'network' is missing",
                error.getMessage());
    }

    @Test
    void classNamesMustMatchTheNetworksClasses() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new SnapshotManifest(
                Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, List.of("one"), "p", "r", "m",
                ScoringSettings.ofDefaults(), Map.of()));

        assertEquals("classNames must name the network's 2 classes, but were [one]", error.getMessage());
    }
    @Test
    void aManifestUnderItsOldNameIsStillRead(@TempDir Path folder) throws IOException {
        SnapshotManifest manifest = new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG,
                EvaluateFixtures.CLASSES, "tiny", "run", "tiny", SCORING, Map.of(1, SavedEpoch.of(Phase.TRANSFER)));
        manifest.write(folder);
        Files.move(folder.resolve(SnapshotManifest.FILE_NAME), folder.resolve("cscore-checkpoint.json"));

        assertEquals(manifest, SnapshotManifest.read(folder));
        assertEquals(folder.resolve("cscore-checkpoint.json"), SnapshotManifest.file(folder));
    }
    @Test
    void aFormatOneManifestIsReadWithoutDigests(@TempDir Path folder) throws IOException {
        SnapshotManifest manifest = new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG,
                EvaluateFixtures.CLASSES, "tiny", "run", "tiny", SCORING, Map.of(1, SavedEpoch.of(Phase.TRANSFER),
                2, SavedEpoch.of(Phase.FINETUNE)));
        String formatTwo = manifest.toJson();
        String formatOne = formatTwo.replace("\"format\" : 2", "\"format\" : 1")
                .substring(0, formatTwo.indexOf("\"snapshots\"")) + "\"phases\" : {\"1\": \"transfer\", \"2\": \"finetune\"}\n}\n";
        Files.writeString(folder.resolve(SnapshotManifest.OLD_FILE_NAME), formatOne);

        SnapshotManifest read = SnapshotManifest.read(folder);

        assertEquals(manifest, read);
        assertTrue(read.sha256(1).isEmpty());
    }

    @Test
    void aDigestThatIsNotHexIsRefusedNamingTheField(@TempDir Path folder) throws IOException {
        SnapshotManifest manifest = new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG,
                EvaluateFixtures.CLASSES, "tiny", "run", "tiny", SCORING,
                Map.of(3, new SavedEpoch(Phase.FINETUNE, "ab".repeat(32), -1)));
        Files.writeString(SnapshotManifest.file(folder), manifest.toJson().replace("ab".repeat(32), "not-a-digest"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SnapshotManifest.read(folder));

        assertEquals(SnapshotManifest.file(folder) + " is not a valid snapshot manifest: field 'snapshots.3.sha256' must "
                + "be 64 lower-case hex digits or null, but was \"not-a-digest\"", error.getMessage());
    }
}
