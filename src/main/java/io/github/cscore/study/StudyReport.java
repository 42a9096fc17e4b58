package io.github.cscore.study;

import io.github.cscore.storage.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The study's summary: {@value #CSV}, one row per run, signal and criterion, and {@value
 * #MARKDOWN}, the tables of {@code docs/experiments.md}.
 */
public final class StudyReport {

    /** The CSV file's name. */
    public static final String CSV = "summary.csv";
    /** The Markdown file's name. */
    public static final String MARKDOWN = "summary.md";

    private final WarningCriteria criteria;
    private final float goldThreshold;
    private final List<StudyTimeline> runs;
    private final List<String> settings;
    private final List<WarningOutcome> outcomes = new ArrayList<>();

    /**
     * Analyses the runs.
     *
     * @param criteria what counts as a drop
     * @param goldThreshold the gold threshold of the runs' main monitors
     * @param runs the runs, in the order to report them
     * @param settings lines describing how the runs were made, for the head of the Markdown
     */
    public StudyReport(WarningCriteria criteria, float goldThreshold, List<StudyTimeline> runs, List<String> settings) {
        this.criteria = Objects.requireNonNull(criteria, "criteria");
        this.goldThreshold = goldThreshold;
        this.runs = List.copyOf(runs);
        this.settings = List.copyOf(settings);
        StudyAnalysis analysis = new StudyAnalysis(criteria);
        for (StudyTimeline run : this.runs) {
            outcomes.addAll(analysis.outcomes(run));
            twin(run).ifPresent(twin -> outcomes.addAll(analysis.newAlertOutcomes(run, twin)));
        }
    }

    /** The healthy run of the same architecture, dataset and seed, for a run that is not healthy. */
    private Optional<StudyTimeline> twin(StudyTimeline run) {
        if (run.isHealthy()) {
            return Optional.empty();
        }
        return runs.stream().filter(r -> r.isHealthy() && r.architecture().equals(run.architecture())
                && r.dataset().equals(run.dataset()) && r.seed() == run.seed()).findFirst();
    }

    /**
     * Returns every outcome, run by run.
     *
     * @return the outcomes
     */
    public List<WarningOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /**
     * Writes {@value #CSV} and {@value #MARKDOWN} into a folder, each beside its target and renamed
     * into place ({@link AtomicOutput}): a write that fails keeps the previous summary whole.
     *
     * @param folder the folder, created if missing
     * @throws IOException if a file cannot be written
     */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        AtomicOutput.writeString(folder.resolve(CSV), csv());
        AtomicOutput.writeString(folder.resolve(MARKDOWN),
                new StudyMarkdown(criteria, goldThreshold, runs, outcomes, settings).render());
    }

    /**
     * Returns the CSV: a header, then one row per run, signal and criterion.
     *
     * @return the CSV text
     */
    public String csv() {
        StringBuilder csv = new StringBuilder(
                "run,architecture,dataset,scenario,seed,signal,criterion,auc_drop_epoch,warn_epoch,lead,rule,kind,"
                        + "miss,false_alarm\n");
        for (WarningOutcome o : outcomes) {
            StudyTimeline run = runs.stream().filter(r -> r.id().equals(o.run())).findFirst().orElseThrow();
            csv.append(String.join(",", o.run(), run.architecture(), run.dataset(), o.scenario(),
                    Long.toString(run.seed()), o.signal(), o.criterion().label(), epoch(o.aucDropEpoch()),
                    epoch(o.warnEpoch()), o.hasLead() ? Integer.toString(o.lead()) : "", o.rule(), o.kind().label(),
                    Boolean.toString(o.isMiss()), Boolean.toString(o.isFalseAlarm()))).append('\n');
        }
        return csv.toString();
    }

    private static String epoch(int epoch) {
        return epoch < 0 ? "" : String.format(Locale.ROOT, "%d", epoch);
    }
}
