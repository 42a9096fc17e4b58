package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.training.Trainer;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.result.CheckpointResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Follow mode takes a snapshot only once it is whole: a file still being copied in place is
 * waited for, whether or not its digest is listed, and a follower started before the folder
 * exists waits for it and its manifest.
 */
class FollowModeTest {

    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path root;
    private Path trained;
    private Path followed;
    private Model model;
    private Trainer trainer;

    @BeforeEach
    void setUp() {
        trained = root.resolve("trained");
        followed = root.resolve("followed");
        Network network = EvaluateFixtures.network();
        model = Model.newInstance("tiny");
        model.setBlock(network.block());
        network.initialize(model.getNDManager());
        trainer = mock(Trainer.class);
        when(trainer.getModel()).thenReturn(model);
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private SnapshotManifest manifest() {
        return new SnapshotManifest(Architecture.RESNET50_V2, EvaluateFixtures.CONFIG, EvaluateFixtures.CLASSES,
                "tiny", "sidecar", "tiny", SidecarEvaluatorTest.SCORING, Map.of());
    }

    private SidecarEvaluatorBuilder follower(Path folder) {
        return SidecarEvaluator.builder()
                .setSnapshotDirectory(folder)
                .setValidationData(EvaluateFixtures.validation(12, 3))
                .optFollow(true)
                .optPollInterval(POLL)
                .optFollowTimeout(Duration.ofMinutes(2));
    }

    /** Builds the follower here, so that it is looking at the folder when this returns, and runs it aside. */
    private CompletableFuture<List<CheckpointResult>> follow(Path folder) {
        SidecarEvaluator evaluator = follower(folder).build();
        return CompletableFuture.supplyAsync(() -> run(evaluator));
    }

    private static List<CheckpointResult> run(SidecarEvaluator evaluator) {
        try (evaluator) {
            return evaluator.run();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a file in place in two halves with a pause between, as a slow copy would. */
    private static void copySlowly(Path from, Path to, long pauseMillis) throws Exception {
        byte[] bytes = Files.readAllBytes(from);
        try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            out.write(Arrays.copyOf(bytes, bytes.length / 2));
            out.flush();
            Thread.sleep(pauseMillis);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        }
    }

    @Test
    void aFileStillBeingCopiedInPlaceIsWaitedForEvenWhenItsSizeHoldsStill() throws Exception {
        Files.createDirectories(followed);
        manifest().write(followed); // a manifest without the epoch: as beside DJL's own save listener
        model.setProperty("Epoch", "1");
        model.save(trained, "tiny");
        CompletableFuture<List<CheckpointResult>> following = follow(followed);

        copySlowly(trained.resolve("tiny-0001.params"), followed.resolve("tiny-0001.params"), 20 * POLL.toMillis());
        Files.writeString(followed.resolve("done"), "");

        assertEquals(List.of(1), following.get(60, TimeUnit.SECONDS).stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aListedFileIsWaitedForUntilItsDigestMatches() throws Exception {
        try (SnapshotSaver saver = SnapshotSaver.create(trained, manifest())) {
            saver.onEpoch(trainer);
        }
        Files.createDirectories(followed);
        Files.copy(SnapshotManifest.file(trained), SnapshotManifest.file(followed)); // the manifest first
        CompletableFuture<List<CheckpointResult>> following = follow(followed);

        copySlowly(trained.resolve("tiny-0001.params"), followed.resolve("tiny-0001.params"), 20 * POLL.toMillis());
        Files.writeString(followed.resolve("done"), "");

        assertEquals(List.of(1), following.get(60, TimeUnit.SECONDS).stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aFollowerStartedBeforeTheFolderExistsWaitsForIt() throws Exception {
        CompletableFuture<List<CheckpointResult>> following =
                CompletableFuture.supplyAsync(() -> run(follower(followed).build()));
        Thread.sleep(10 * POLL.toMillis());
        assertFalse(following.isDone(), "the follower gave up on a folder that did not exist yet");

        try (SnapshotSaver saver = SnapshotSaver.create(followed, manifest())) {
            saver.onEpoch(trainer);
            saver.onEpoch(trainer);
        }

        assertEquals(List.of(1, 2), following.get(60, TimeUnit.SECONDS).stream().map(CheckpointResult::epoch).toList());
    }

    @Test
    void aFollowerWhoseFolderNeverAppearsStopsAtTheTimeoutNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> follower(followed).optFollowTimeout(Duration.ofMillis(300)).build());

        assertEquals("no " + SnapshotManifest.FILE_NAME + " appeared in " + followed + " within 0.3 s (the follow timeout)",
                error.getMessage());
        assertTrue(!Files.exists(followed));
    }
}
