package io.github.cscore.study;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.timeline.Timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * A finished study run as the analysis reads it back: the monitor's checkpoints (from {@code
 * timeline.jsonl}), the held-out AUC at each of them (from {@code heldout.jsonl}), and what the run
 * was (from {@code run.properties}).
 *
 * @param series the run reduced to steps, sample AUC and held-out AUC
 * @param checkpoints the monitor's checkpoints, in order, one per point of the series
 * @param stepsPerEpoch the optimiser updates of one epoch
 * @param wallSeconds the run's wall-clock time
 * @param heldOutSeconds the time of the study's own held-out evaluation within it
 */
public record StudyRunData(RunSeries series, List<CheckpointResult> checkpoints, int stepsPerEpoch,
        double wallSeconds, double heldOutSeconds) {

    /** The file of the run's description, written last: a run without one is incomplete. */
    public static final String RUN = "run.properties";
    /** The monitor's timeline. */
    public static final String TIMELINE = "timeline.jsonl";
    /** The held-out evaluation, one line per checkpoint. */
    public static final String HELD_OUT = "heldout.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StudyRunData.class);

    /**
     * Checks and copies the components.
     *
     * @param series the series
     * @param checkpoints the checkpoints, as many as the series has points; copied
     * @param stepsPerEpoch the steps of an epoch, at least 1
     * @param wallSeconds the wall-clock time
     * @param heldOutSeconds the held-out evaluation's time
     * @throws IllegalArgumentException if the counts differ
     */
    public StudyRunData {
        checkpoints = List.copyOf(checkpoints);
        if (checkpoints.size() != series.checkpoints().size()) {
            throw new IllegalArgumentException("run " + series.id() + " has " + checkpoints.size()
                    + " checkpoints but " + series.checkpoints().size() + " held-out points");
        }
    }

    /**
     * Reads a run folder.
     *
     * @param folder the run's folder
     * @return the run
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if the files disagree (a checkpoint without its held-out
     *     point), naming the folder
     */
    public static StudyRunData read(Path folder) throws IOException {
        Properties run = new Properties();
        run.load(new StringReader(Files.readString(folder.resolve(RUN))));
        List<CheckpointResult> checkpoints = Timeline.read(folder.resolve(TIMELINE)).checkpoints();
        Map<Integer, Double> heldOut = new HashMap<>();
        double heldOutSeconds = heldOut(folder.resolve(HELD_OUT), heldOut);
        List<RunSeries.Point> points = new ArrayList<>();
        for (CheckpointResult checkpoint : checkpoints) {
            Double auc = heldOut.get(checkpoint.step());
            if (auc == null) {
                throw new IllegalArgumentException(folder + ": no held-out AUC for the checkpoint at step "
                        + checkpoint.step());
            }
            points.add(new RunSeries.Point(checkpoint.step(), checkpoint.macroAuc(), auc));
        }
        String scenario = run.getProperty("scenario");
        Path file = folder.resolve(RUN);
        RunSeries series = new RunSeries(folder.getFileName().toString(), scenario,
                number(file, run, "seed", Long::parseLong),
                RunSeries.Split.valueOf(run.getProperty("split").toUpperCase(Locale.ROOT)),
                number(file, run, "onset-step", Integer::parseInt), points);
        return new StudyRunData(series, checkpoints, number(file, run, "steps-per-epoch", Integer::parseInt),
                wallSeconds(file, run), heldOutSeconds);
    }

    /** A value the analysis needs: one that is missing or not a number refuses the run, naming the file. */
    private static <T> T number(Path file, Properties run, String key, Function<String, T> parse) {
        String value = run.getProperty(key);
        try {
            return parse.apply(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " " + (value == null ? "is missing"
                    : "'" + value + "' is not a number") + "; delete the run's folder to make the run again");
        }
    }

    /** The run's time is only reported, never judged: a damaged one is unknown (NaN), with a warning. */
    private static double wallSeconds(Path file, Properties run) {
        String value = run.getProperty("wall-seconds");
        try {
            return Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            LOG.warn("{}: wall-seconds {}; the run's time is taken as unknown", file,
                    value == null ? "is missing" : "'" + value + "' is not a number");
            return Double.NaN;
        }
    }

    /** Reads the held-out macro AUC by step into {@code byStep}; returns the evaluation's seconds in all. */
    private static double heldOut(Path file, Map<Integer, Double> byStep) throws IOException {
        double seconds = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            JsonNode auc = node.get("macro_auc");
            byStep.put(node.get("step").asInt(), auc == null || auc.isNull() ? Double.NaN : auc.asDouble());
            JsonNode time = node.get("seconds");
            seconds += time == null || !time.isNumber() ? 0 : time.asDouble();
        }
        return seconds;
    }

    /**
     * Returns the id of the run.
     *
     * @return the id
     */
    public String id() {
        return series.id();
    }
}
