package io.github.cscore.report;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.ClassMetrics;
import io.github.cscore.result.Technique;
import io.github.cscore.result.TechniqueResult;
import io.github.cscore.storage.AtomicOutput;
import io.github.cscore.storage.FileError;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.RecordedExampleMaps;
import io.github.cscore.timeline.Timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The HTML report of a run: one self-contained file, readable offline, with interactive charts.
 *
 * <p>It shows the C-Score of each technique (macro over classes) against epoch with the macro AUC
 * on a second axis and the transfer/fine-tune boundary marked; the same per class with the
 * class's AUC; the gold-list sizes; the alerts; and, when the run kept example maps ({@link
 * io.github.cscore.monitor.CScoreMonitorBuilder#optExampleImages}), a montage of CAM overlays of
 * the fixed images per technique across checkpoints. Charts are drawn by Apache ECharts, inlined
 * from its WebJar; overlays are PNG {@code data:} URIs. Every name read from the files is escaped.
 *
 * <pre>{@code
 * Path html = HtmlReport.write(Path.of("runs/demo/timeline.jsonl"), Path.of("runs/demo"));
 * }</pre>
 */
public final class HtmlReport {

    /** The file name the report is written under. */
    public static final String FILE_NAME = "report.html";

    private final Timeline timeline;
    private final Optional<RecordedExampleMaps> maps;
    private final String mapsProblem;
    private final Optional<RunDescription> description;
    private final String descriptionProblem;

    private HtmlReport(Timeline timeline, Optional<RecordedExampleMaps> maps, String mapsProblem,
            Optional<RunDescription> description, String descriptionProblem) {
        this.timeline = timeline;
        this.maps = maps;
        this.mapsProblem = mapsProblem;
        this.description = description;
        this.descriptionProblem = descriptionProblem;
    }

    /**
     * Reads a timeline and the example maps beside it, if any, and writes the report into a folder
     * as {@value #FILE_NAME} (written to a temporary file, then moved into place). Unreadable
     * example maps do not stop the report: it shows those it can read and says which it could not
     * ({@link #exampleMapsNote()}).
     *
     * @param timeline the run's timeline file
     * @param outDir the folder to write into, created if needed
     * @return the report file
     * @throws IllegalArgumentException if the timeline is malformed or has no checkpoint, naming it
     * @throws UncheckedIOException if the timeline cannot be read or the report cannot be written
     */
    public static Path write(Path timeline, Path outDir) {
        Objects.requireNonNull(timeline, "timeline");
        return of(timeline).writeTo(outDir);
    }

    /**
     * Writes the report into a folder as {@value #FILE_NAME}, through a temporary file moved into
     * place, so a reader never sees half a report.
     *
     * @param outDir the folder to write into, created if needed
     * @return the report file
     * @throws UncheckedIOException if the report cannot be written
     */
    public Path writeTo(Path outDir) {
        Objects.requireNonNull(outDir, "outDir");
        String html = html();
        try {
            Files.createDirectories(outDir);
            Path target = outDir.resolve(FILE_NAME);
            AtomicOutput.writeString(target, html);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + FileError.reason(e), e);
        }
    }

    /**
     * Reads a timeline and the example maps beside it, if any.
     *
     * @param timeline the run's timeline file
     * @return the report, ready to render
     * @throws IllegalArgumentException if the timeline is malformed or has no checkpoint, naming it
     * @throws UncheckedIOException if the timeline cannot be read
     */
    public static HtmlReport of(Path timeline) {
        Timeline read = Timeline.read(timeline);
        if (read.checkpoints().isEmpty()) {
            throw new IllegalArgumentException("timeline " + timeline + " has no checkpoint record; nothing to report");
        }
        Optional<RunDescription> description;
        String descriptionProblem;
        try {
            description = RunDescription.besideTimeline(timeline);
            descriptionProblem = RunHeader.mismatch(description, read.checkpoints().get(0).run());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            description = Optional.empty();
            descriptionProblem = "The run description beside the timeline cannot be read: " + e.getMessage();
        }
        if (!descriptionProblem.isEmpty()) {
            description = Optional.empty();
        }
        Optional<RecordedExampleMaps> maps;
        try {
            maps = RecordedExampleMaps.besideTimeline(timeline);
        } catch (IllegalArgumentException e) {
            return new HtmlReport(read, Optional.empty(), e.getMessage(), description, descriptionProblem);
        }
        String otherRun = maps.map(recorded -> otherRun(read, recorded)).orElse("");
        return otherRun.isEmpty()
                ? new HtmlReport(read, maps, "", description, descriptionProblem)
                : new HtmlReport(read, Optional.empty(), otherRun, description, descriptionProblem);
    }

    /**
     * Maps of another run (an earlier run's folder beside a new timeline) must not be drawn as this
     * run's: the index names the run and model; folders written before it did are taken as they are.
     */
    private static String otherRun(Timeline timeline, RecordedExampleMaps maps) {
        CheckpointResult first = timeline.checkpoints().get(0);
        String run = maps.run().orElse(first.run());
        String model = maps.model().orElse(first.model());
        if (run.equals(first.run()) && model.equals(first.model())) {
            return "";
        }
        return maps.directory() + " holds maps of run '" + run + "' (model " + model + "), but the timeline is of run '"
                + first.run() + "' (model " + first.model() + ")";
    }

    /**
     * Makes a report of a timeline already read.
     *
     * @param timeline the timeline, with at least one checkpoint
     * @param maps the run's example maps, if any
     * @return the report
     * @throws IllegalArgumentException if the timeline has no checkpoint
     */
    public static HtmlReport of(Timeline timeline, Optional<RecordedExampleMaps> maps) {
        if (timeline.checkpoints().isEmpty()) {
            throw new IllegalArgumentException("timeline " + timeline.path() + " has no checkpoint record");
        }
        return new HtmlReport(timeline, maps, "", Optional.empty(), "");
    }

    /**
     * Tells whether the report has a montage of example maps.
     *
     * @return true if example maps of this run were found and at least one was read
     */
    public boolean hasExampleMaps() {
        return maps.isPresent() && maps.get().hasAnyMap();
    }

    /**
     * Says in one line what became of the example maps, for a command to print beside the
     * report's name: {@code no example maps recorded}; {@code example maps not shown: <why>};
     * {@code example maps: 2 files skipped, <the first, where and why>}; or empty when every map
     * was read.
     *
     * @return the note, empty if there is nothing to say
     */
    public String exampleMapsNote() {
        if (!mapsProblem.isEmpty()) {
            return "example maps not shown: " + mapsProblem;
        }
        if (maps.isEmpty()) {
            return "no example maps recorded";
        }
        List<String> problems = maps.get().problems();
        if (!hasExampleMaps()) {
            return "example maps not shown: none could be read" + (problems.isEmpty() ? "" : ", " + problems.get(0));
        }
        return problems.isEmpty() ? "" : "example maps: " + problems.size() + (problems.size() == 1 ? " file" : " files")
                + " skipped, " + problems.get(0);
    }

    /**
     * Renders the page.
     *
     * @return the whole HTML document
     */
    public String html() {
        CheckpointResult first = timeline.checkpoints().get(0);
        StringBuilder page = new StringBuilder(1 << 21);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>C-Score report: ")
                .append(Html.escape(first.run())).append(" (").append(Html.escape(first.model()))
                .append(")</title>\n<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n")
                .append("<h1>C-Score report: ").append(Html.escape(first.run())).append(" <small>")
                .append(Html.escape(first.model())).append("</small></h1>\n");
        page.append(new RunHeader(timeline.checkpoints(), description, descriptionProblem).html());
        summary(page);
        charts(page);
        alerts(page);
        page.append(new Montage(timeline, maps, mapsProblem).html());
        page.append("<footer>Charts: Apache ECharts ").append(ECharts.VERSION)
                .append(" (Apache License 2.0), inlined. Timeline: ")
                .append(Html.escape(timeline.path().getFileName().toString())).append(". Example maps: ")
                .append(Html.escape(ExampleMapsWriter.directoryFor(timeline.path()).getFileName().toString()))
                .append(".</footer>\n");
        page.append("<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptSafeJson(ChartData.json(timeline, RunHeader.thresholds(description))))
                .append("</script>\n");
        page.append("<script>").append(Html.inlineScript(ECharts.script())).append("</script>\n");
        page.append("<script>").append(Html.inlineScript(resource("charts.js"))).append("</script>\n");
        return page.append("</body>\n</html>\n").toString();
    }

    private void summary(StringBuilder page) {
        List<CheckpointResult> checkpoints = timeline.checkpoints();
        CheckpointResult last = checkpoints.get(checkpoints.size() - 1);
        page.append("<p class=\"summary\">").append(checkpoints.size()).append(" checkpoints, epochs ")
                .append(checkpoints.get(0).epoch()).append(" to ").append(last.epoch()).append("; classes ")
                .append(Html.escape(String.join(", ", last.classNames()))).append("; techniques ")
                .append(Html.escape(ChartData.techniquesOf(checkpoints).stream()
                        .map(t -> t.displayName()).collect(Collectors.joining(", "))))
                .append(". Last checkpoint: accuracy ").append(number(last.accuracy())).append(", macro AUC ")
                .append(number(last.macroAuc())).append(", gold lists ")
                .append(Html.escape(last.classes().stream().map(c -> c.name() + " " + c.goldSize() + "/" + c.sampleSize())
                        .collect(Collectors.joining(", "))))
                .append(".</p>\n");
        if (timeline.cutOffBytes() > 0) {
            page.append("<p class=\"warning\">The timeline ends with a cut-off record of ").append(timeline.cutOffBytes())
                    .append(" bytes (a crash during a write); it is left out.</p>\n");
        }
        List<String> degenerate = checkpoints.stream().filter(c -> !c.isScored())
                .map(c -> "epoch " + c.epoch() + ": " + c.detail()).toList();
        if (!degenerate.isEmpty()) {
            page.append("<p class=\"warning\">Checkpoints not scored: ").append(Html.escape(String.join("; ", degenerate)))
                    .append("</p>\n");
        }
        if (checkpoints.stream().anyMatch(CheckpointResult::engineSafePath)) {
            page.append("<p class=\"note\">The engine failed its gradient self-check; maps were computed one image "
                    + "at a time (docs/engine.md).</p>\n");
        }
        scoredCounts(page, checkpoints);
    }

    /**
     * How many checkpoints each technique was scored at, and why not at the others, when any was
     * not scored at all of them: {@code ScoreCAM 2 of 6 (4 scheduled_out)}. A technique the time
     * budget left out is no data there; the charts join the checkpoints that scored it.
     */
    private static void scoredCounts(StringBuilder page, List<CheckpointResult> checkpoints) {
        List<String> counts = new ArrayList<>();
        boolean gaps = false;
        for (Technique technique : ChartData.techniquesOf(checkpoints)) {
            Map<String, Integer> skips = new TreeMap<>();
            int scored = 0;
            for (CheckpointResult checkpoint : checkpoints) {
                TechniqueResult result = checkpoint.techniques().get(technique);
                if (result != null && result.isScored()) {
                    scored++;
                } else if (result != null) {
                    skips.merge(result.skipReason().label(), 1, Integer::sum);
                }
            }
            gaps |= scored < checkpoints.size();
            counts.add(technique.displayName() + " " + scored + " of " + checkpoints.size() + (skips.isEmpty() ? ""
                    : skips.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ", " (", ")"))));
        }
        if (gaps) {
            page.append("<p class=\"note\">Checkpoints scored per technique: ").append(Html.escape(String.join("; ",
                    counts))).append(". <code>scheduled_out</code>: left out by the monitor's time budget, which runs a "
                    + "costly technique at every k-th checkpoint and at the last (docs/monitor.md); no data there, "
                    + "so the charts join the checkpoints that scored it.</p>\n");
        }
    }

    private void charts(StringBuilder page) {
        page.append("<h2>C-Score and AUC</h2>\n<div class=\"chart\" id=\"chart-global\"></div>\n");
        partialMacros(page);
        page.append("<h2>Per class</h2>\n");
        List<ClassMetrics> classes = timeline.checkpoints().get(0).classes();
        for (int c = 0; c < classes.size(); c++) {
            page.append("<div class=\"chart chart-class\" id=\"chart-class-").append(c).append("\"></div>\n");
        }
        page.append("<h2>Gold lists</h2>\n<div class=\"chart chart-gold\" id=\"chart-gold\"></div>\n");
    }

    /**
     * Says where a technique's macro C-Score covers only some classes, the others being undefined:
     * a macro of one class can "recover" while the other class has left the gold list.
     */
    private void partialMacros(StringBuilder page) {
        List<CheckpointResult> checkpoints = timeline.checkpoints();
        int classes = checkpoints.get(0).classes().size();
        List<String> partial = new ArrayList<>();
        for (Technique technique : ChartData.techniquesOf(checkpoints)) {
            List<String> epochs = new ArrayList<>();
            for (CheckpointResult checkpoint : checkpoints) {
                TechniqueResult result = checkpoint.techniques().get(technique);
                int defined = result == null ? 0 : result.global().definedClasses();
                if (defined > 0 && defined < classes) {
                    epochs.add(checkpoint.epoch() + " (" + defined + " of " + classes + ")");
                }
            }
            if (!epochs.isEmpty()) {
                partial.add(technique.displayName() + " at epoch " + String.join(", ", epochs));
            }
        }
        if (!partial.isEmpty()) {
            page.append("<p class=\"note\" id=\"partial-macro\">Hollow points: the macro C-Score covers only the classes "
                    + "whose score is defined, here not all of them: ").append(Html.escape(String.join("; ", partial)))
                    .append(". Read it with the per-class charts: a macro of one class can rise while another class "
                            + "has left the gold list.</p>\n");
        }
    }

    private void alerts(StringBuilder page) {
        page.append("<h2>Alerts</h2>\n");
        List<AlertEvent> alerts = timeline.alerts();
        if (alerts.isEmpty()) {
            page.append("<p>No alert fired.</p>\n");
            return;
        }
        page.append("<div class=\"alerts-wrap\"><table class=\"alerts\"><tr><th>epoch</th><th>state</th>"
                + "<th>severity</th><th>rule</th>"
                + "<th>technique</th><th>class</th><th>message</th></tr>\n");
        for (AlertEvent alert : alerts) {
            page.append("<tr class=\"").append(alert.state().label()).append("\"><td>").append(alert.epoch())
                    .append("</td><td>").append(alert.state().label()).append("</td><td>")
                    .append(Html.escape(alert.severity().label())).append("</td><td>").append(Html.escape(alert.rule()))
                    .append("</td><td>").append(Html.escape(alert.technique())).append("</td><td>")
                    .append(Html.escape(alert.className())).append("</td><td>").append(Html.escape(alert.message()))
                    .append("</td></tr>\n");
        }
        page.append("</table></div>\n");
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "undefined";
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " of package report is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
