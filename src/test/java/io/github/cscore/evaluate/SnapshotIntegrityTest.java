package io.github.cscore.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.Model;
import ai.djl.training.Trainer;

import io.github.cscore.data.LabeledDataset;
import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.storage.Sha256;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Saved parameters are checked before they are scored: each file against the SHA-256 the saver
 * recorded, and the manifest's network and classes against what the parameters were saved from.
 * A flipped byte or an edited manifest is refused naming the file, never scored silently.
 */
class SnapshotIntegrityTest {

    @TempDir
    Path folder;
    private Model model;
    private Trainer trainer;

    @BeforeEach
    void setUp() {
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

    /** Saves two epochs with the saver, as training would. */
    private void saveTwoEpochs() {
        try (SnapshotSaver saver = SnapshotSaver.create(folder, manifest())) {
            saver.onEpoch(trainer);
            saver.onEpoch(trainer);
        }
    }

    private IllegalArgumentException scoringFails(LabeledDataset validation) {
        return assertThrows(IllegalArgumentException.class, () -> {
            try (SidecarEvaluator evaluator = SidecarEvaluator.builder().setSnapshotDirectory(folder)
                    .setValidationData(validation).build()) {
                evaluator.run();
            }
        });
    }

    private void editManifest(String from, String to) throws IOException {
        Path file = SnapshotManifest.file(folder);
        String text = Files.readString(file);
        assertEquals(true, text.contains(from), text);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void theSaverRecordsTheSha256OfEachFileAsSha256sumPrintsIt() throws IOException {
        saveTwoEpochs();

        SnapshotManifest read = SnapshotManifest.read(folder);

        for (int epoch : new int[] {1, 2}) {
            Path file = folder.resolve("tiny-000" + epoch + ".params");
            assertEquals(Sha256.of(file), read.sha256(epoch).orElseThrow(), "epoch " + epoch);
        }
    }

    @Test
    void aFlippedByteInASavedSnapshotIsRefusedNamingTheFile() throws IOException {
        saveTwoEpochs();
        Path second = folder.resolve("tiny-0002.params");
        byte[] bytes = Files.readAllBytes(second);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 400; i++) {
            bytes[i] ^= 0x10; // the 400 flipped bytes, inside the parameters
        }
        Files.write(second, bytes);

        IllegalArgumentException error = scoringFails(EvaluateFixtures.validation(12, 3));

        assertEquals("snapshot " + second + " does not match the SHA-256 recorded in "
                + SnapshotManifest.file(folder) + ": it was damaged or replaced after it was saved", error.getMessage());
    }

    @Test
    void anEditedInputSizeThatContradictsTheSavedParametersIsRefused() throws IOException {
        saveTwoEpochs();
        editManifest("\"input_size\" : 32", "\"input_size\" : 48");

        IllegalArgumentException error = scoringFails(EvaluateFixtures.validation(12, 3));

        assertEquals(SnapshotManifest.file(folder) + " says network.input_size 48, but snapshot "
                + folder.resolve("tiny-0001.params") + " was saved from a network with input_size 32: "
                + "the manifest was edited after the snapshots were saved", error.getMessage());
    }

    @Test
    void swappedClassNamesThatContradictTheSavedParametersAreRefused() throws IOException {
        saveTwoEpochs();
        editManifest("\"lower\", \"upper\"", "\"upper\", \"lower\"");
        int[] labels = new int[12];
        LabeledDataset swapped = LabeledDataset.fromArrays(EvaluateFixtures.images(12, 3, labels), labels,
                EvaluateFixtures.validation(12, 3).imageShape(), List.of("upper", "lower"));

        IllegalArgumentException error = scoringFails(swapped);

        assertEquals(SnapshotManifest.file(folder) + " says class_names [\"upper\",\"lower\"], but snapshot "
                + folder.resolve("tiny-0001.params") + " was saved from a network with class_names "
                + "[\"lower\",\"upper\"]: the manifest was edited after the snapshots were saved", error.getMessage());
    }

    @Test
    void aSnapshotSavedInPlaceIsCheckedAgainstTheInputShapeDjlRecorded() throws IOException {
        manifest().write(folder);
        model.setProperty("Epoch", "1");
        model.save(folder, "tiny"); // as DJL's own save listener does: no digest, no cscore properties
        editManifest("\"input_size\" : 32", "\"input_size\" : 48");

        IllegalArgumentException error = scoringFails(EvaluateFixtures.validation(12, 3));

        assertEquals(SnapshotManifest.file(folder) + " says network.input_size 48, but snapshot "
                + folder.resolve("tiny-0001.params") + " was saved from a network with input_size 32: "
                + "the manifest was edited after the snapshots were saved", error.getMessage());
    }
}
