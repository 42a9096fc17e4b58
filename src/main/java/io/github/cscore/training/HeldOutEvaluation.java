package io.github.cscore.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.translate.TranslateException;

import io.github.cscore.control.MonitorView;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.score.ClassificationSummary;
import io.github.cscore.score.Softmax;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores a held-out evaluation set, much larger than the monitor's sample, at exactly the
 * checkpoints the monitor scores: the ground truth an early warning is judged against. After each
 * training callback in which the monitor produced a new result, it runs the model in inference
 * mode over the whole set and appends one JSON line: {@code step}, {@code epoch}, {@code
 * macro_auc}, {@code auc} (per class), {@code accuracy}, {@code seconds} (its own cost). Add it after the monitor among the
 * listeners, so that it sees the monitor's result of the same callback. It reads the parameters
 * only, and neither the training data nor a random generator, so training is unchanged.
 */
public final class HeldOutEvaluation extends TrainingListenerAdapter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitorView monitor;
    private final RandomAccessDataset data;
    private final int[] labels;
    private final BufferedWriter out;
    private CheckpointResult lastSeen;

    /**
     * Creates the evaluation and its output file, replacing an older one.
     *
     * @param monitor the monitor whose checkpoints it follows
     * @param data the evaluation set, read in order (no shuffling), each label a class index
     * @param labels the label of each item of {@code data}, in order
     * @param file the JSON Lines file to write
     * @throws IOException if the file cannot be created
     */
    public HeldOutEvaluation(MonitorView monitor, RandomAccessDataset data, int[] labels, Path file) throws IOException {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.data = Objects.requireNonNull(data, "data");
        this.labels = labels.clone();
        if (labels.length != data.size()) {
            throw new IllegalArgumentException("labels must be given for each of the " + data.size()
                    + " evaluation items, but were given for " + labels.length);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        evaluateIfNew(trainer);
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        evaluateIfNew(trainer);
    }

    private void evaluateIfNew(Trainer trainer) {
        CheckpointResult latest = monitor.latest().orElse(null);
        if (latest == null || latest == lastSeen) {
            return;
        }
        lastSeen = latest;
        long start = System.nanoTime();
        ClassificationSummary summary = evaluate(trainer.getModel().getBlock(), trainer.getManager());
        write(latest, summary, (System.nanoTime() - start) / 1e9);
    }

    private ClassificationSummary evaluate(Block block, NDManager parent) {
        List<float[]> probabilities = new ArrayList<>(labels.length);
        try (NDManager scope = parent.newSubManager()) {
            ParameterStore parameters = new ParameterStore(scope, false);
            for (Batch batch : data.getData(scope)) {
                try (batch) {
                    NDArray logits = block.forward(parameters, new NDList(batch.getData().head()), false).head();
                    float[] flat = logits.toFloatArray();
                    int classes = (int) logits.getShape().get(1);
                    for (int i = 0; i < flat.length / classes; i++) {
                        float[] row = new float[classes];
                        System.arraycopy(flat, i * classes, row, 0, classes);
                        probabilities.add(Softmax.of(row));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation set", e);
        } catch (TranslateException e) {
            throw new IllegalStateException("cannot read the evaluation set: " + e.getMessage(), e);
        }
        return ClassificationSummary.of(labels, probabilities.toArray(float[][]::new));
    }

    private void write(CheckpointResult result, ClassificationSummary summary, double seconds) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", result.step());
        line.put("epoch", result.epoch());
        putNumber(line, "macro_auc", summary.macroAuc());
        ArrayNode auc = line.putArray("auc");
        for (double value : summary.aucPerClass()) {
            if (Double.isFinite(value)) {
                auc.add(value);
            } else {
                auc.addNull();
            }
        }
        putNumber(line, "accuracy", summary.accuracy());
        line.put("seconds", seconds);
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the held-out evaluation", e);
        }
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /**
     * Closes the output file.
     *
     * @throws IOException if it cannot be closed
     */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
