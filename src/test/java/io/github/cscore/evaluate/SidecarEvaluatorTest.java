package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.training.Trainer;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.monitor.ScoringSettings;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Errors, ordering and follow mode of the evaluator, on snapshots of an untrained tiny network. */
class SidecarEvaluatorTest {

    /** One technique and a gold threshold of 0.5: cheap checkpoints, and untrained snapshots still score. */
    static final ScoringSettings SCORING = new ScoringSettings(List.of(Technique.GRAD_CAM), 6, 12, 1,
            CScoreConfig.builder().optGoldThreshold(0.5f).build(), ScoringSettings.ofDefaults().scoreCam(), null);

    @TempDir
    Path folder;
    private Network network;
    private Model model;
    private Trainer trainer;

    @BeforeEach
    void setUp() {
        network = EvaluateFixtures.network();
        model = Model.newInstance("tiny");
        model.setBlock(network.block());
        network.initialize(model.getNDManager());
        // The saver only asks the trainer for its model: no training is needed to save.
        trainer = mock(Trainer.class);
        when(trainer.getModel()).thenReturn(model);
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    /** Starts an evaluator following the folder, counting each scored checkpoint down on the latch. */
    private CompletableFuture<List<CheckpointResult>> follow(CountDownLatch scored) {
        SidecarEvaluator evaluator = evaluator()
                .optSink("latch", result -> scored.countDown())
                .optFollow(true)
                .optPollInterval(Duration.ofMillis(50))
                .optFollowTimeout(Duration.ofMinutes(2))
                .build();
        return CompletableFuture.supplyAsync(() -> {
            try (evaluator) {
                return evaluator.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private SnapshotManifest manifest() {
        return new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, EvaluateFixtures.CLASSES,
                "tiny", "sidecar", "tiny", SCORING, Map.of());
    }

    private SidecarEvaluatorBuilder evaluator() {
        return SidecarEvaluator.builder()
                .setSnapshotDirectory(folder)
                .setValidationData(EvaluateFixtures.validation(12, 3));
    }

    /** Saves the model as DJL's own save listener does, at the given epoch. */
    private void saveAt(int epoch) throws IOException {
        model.setProperty("Epoch", Integer.toString(epoch));
        model.save(folder, "tiny");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = folder.resolve("nowhere");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> evaluator().setSnapshotDirectory(missing).build());

        assertEquals("snapshot folder " + missing + " does not exist", error.getMessage());
    }

    @Test
    void rejectsANonPositiveTechniqueTimeout() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SidecarEvaluator.builder().optTechniqueTimeout(Duration.ZERO));

        assertEquals("techniqueTimeout must be positive, but was PT0S", error.getMessage());
    }

    @Test
    void aFolderWithoutManifestIsRefusedBeforeAnythingIsScored() throws IOException {
        saveAt(1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> evaluator().build());

        assertTrue(error.getMessage().startsWith("no cscore-snapshots.json in " + folder), error.getMessage());
    }

    @Test
    void aFolderWithoutSnapshotsIsAnError() throws IOException {
        manifest().write(folder);

        try (SidecarEvaluator evaluator = evaluator().build()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, evaluator::run);

            assertEquals("no snapshots (tiny-NNNN.params) in " + folder, error.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAParameterFileIsNamed() throws IOException {
        manifest().write(folder);
        Path bogus = folder.resolve("tiny-0001.params");
        Files.writeString(bogus, "not parameters");

        try (SidecarEvaluator evaluator = evaluator().build()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, evaluator::run);

            assertEquals("snapshot " + bogus + " is not a DJL parameter file (no DJL@ header)", error.getMessage());
        }
    }

    @Test
    void aCutOffParameterFileIsNamed() throws IOException {
        manifest().write(folder);
        saveAt(1);
        Path file = folder.resolve("tiny-0001.params");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        try (SidecarEvaluator evaluator = evaluator().build()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, evaluator::run);

            assertEquals("snapshot " + file + " is cut off (a save that did not finish?)", error.getMessage());
        }
    }

    @Test
    void snapshotsAreScoredInNumericEpochOrder() throws IOException {
        manifest().write(folder);
        // 10000 sorts before 9999 as text: the order must come from the numbers.
        saveAt(10000);
        saveAt(2);
        saveAt(9999);

        List<CheckpointResult> results;
        try (SidecarEvaluator evaluator = evaluator().build()) {
            results = evaluator.run();
        }

        assertEquals(List.of(2, 9999, 10000), results.stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void changingTheBuilderAfterBuildDoesNotReachTheEvaluator() throws IOException {
        manifest().write(folder);
        saveAt(1);
        SidecarEvaluatorBuilder builder = evaluator().optRunName("as-built");
        List<CheckpointResult> results;

        try (SidecarEvaluator evaluator = builder.build()) {
            builder.optRunName("changed-later");
            results = evaluator.run();
        }

        assertEquals(List.of("as-built"), results.stream().map(CheckpointResult::run).toList());
    }

    @Test
    void followModeScoresASnapshotSavedAfterItStartedAndStopsAtTheDoneMarker() throws Exception {
        SnapshotSaver saver = SnapshotSaver.create(folder, manifest());
        saver.onEpoch(trainer);
        CountDownLatch firstScored = new CountDownLatch(1);
        CompletableFuture<List<CheckpointResult>> following = follow(firstScored);

        assertTrue(firstScored.await(60, TimeUnit.SECONDS), "the first snapshot was not scored");
        saver.onEpoch(trainer);
        saver.close();
        List<CheckpointResult> results = following.get(60, TimeUnit.SECONDS);

        assertEquals(List.of(1, 2), results.stream().map(CheckpointResult::epoch).toList());
        assertEquals(2, saver.saved());
    }

    @Test
    void followModeScoresAFileWrittenInPlaceOnceItsSizeHoldsStill() throws Exception {
        manifest().write(folder);
        CountDownLatch scored = new CountDownLatch(1);
        CompletableFuture<List<CheckpointResult>> following = follow(scored);

        saveAt(1);  // as DJL's own save listener does: in place, not listed in the manifest
        assertTrue(scored.await(60, TimeUnit.SECONDS), "a file whose size held still was not scored");
        Files.writeString(folder.resolve("done"), "");
        List<CheckpointResult> results = following.get(60, TimeUnit.SECONDS);

        assertEquals(List.of(1), results.stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aSaverRefusesAFolderThatHoldsAnotherRunsSnapshots() throws IOException {
        manifest().write(folder);
        saveAt(1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SnapshotSaver.create(folder, manifest()));

        assertTrue(error.getMessage().startsWith(folder + " already holds snapshots of a run"), error.getMessage());
    }
}
