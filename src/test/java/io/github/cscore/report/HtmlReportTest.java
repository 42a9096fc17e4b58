package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Severity;
import io.github.cscore.result.SkipReason;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.Timeline;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class HtmlReportTest {

    private static final String HOSTILE_RUN = "run</title><script>alert(1)</script>";
    private static final String HOSTILE_CLASS = "PNEU<img src=x onerror=alert(2)>";

    @TempDir
    Path folder;

    private Path timeline() throws IOException {
        Path path = folder.resolve("timeline.jsonl");
        List<String> classes = List.of("NORMAL", HOSTILE_CLASS);
        try (TimelineWriter writer = TimelineWriter.create(path)) {
            writer.accept(checkpoint(classes, 1, Phase.TRANSFER, 0.61, 0.80));
            writer.accept(checkpoint(classes, 2, Phase.TRANSFER, 0.64, 0.85));
            writer.accept(checkpoint(classes, 3, Phase.FINETUNE, 0.42, 0.93));
            writer.append(new AlertEvent("CScoreRelativeDrop", Severity.WARNING, AlertEvent.State.FIRING, HOSTILE_RUN,
                    "resnet50v2", 3, "gradcam", HOSTILE_CLASS, 0.42, 0.5, "GradCAM dropped <b>34%</b>"));
        }
        return path;
    }

    private static io.github.cscore.result.CheckpointResult checkpoint(
            List<String> classes, int epoch, Phase phase, double score, double auc) {
        return Results.classes(classes, new int[] {6, 3}, new double[] {auc, auc})
                .scored(Technique.GRAD_CAM, new double[] {score, Double.NaN}, new int[] {0, 0})
                .scored(Technique.EIGEN_CAM, new double[] {score + 0.1, Double.NaN}, new int[] {0, 1})
                .epoch(epoch).phase(phase).build(HOSTILE_RUN);
    }

    private static JsonNode chartData(String html) throws IOException {
        Matcher matcher = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(matcher.find(), "the page embeds its chart data");
        return new ObjectMapper().readTree(matcher.group(1));
    }

    @Test
    void namesFromTheFilesAreEscapedEverywhere() throws IOException {
        String html = HtmlReport.of(timeline()).html();

        assertFalse(html.contains("<script>alert(1)"), "the run name cannot open a script");
        assertFalse(html.contains("<img src=x"), "a class name cannot open an element");
        assertFalse(html.contains("<b>34%"), "an alert message cannot format the page");
        assertTrue(html.contains("run&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "but it is shown");
        assertTrue(html.contains("PNEU&lt;img src=x onerror=alert(2)&gt;"));
        assertEquals(HOSTILE_CLASS, chartData(html).get("classes").get(1).get("name").asText(),
                "and the charts get the name itself, JSON-escaped");
    }

    @Test
    void chartDataHasEachTechniquesCurveTheAucTheBoundaryAndTheAlerts() throws IOException {
        JsonNode data = chartData(HtmlReport.of(timeline()).html());

        assertEquals("[1,2,3]", data.get("epochs").toString());
        assertEquals(2.5, data.get("boundary").asDouble(), "half-way between the last transfer and first fine-tune");
        assertEquals("[0.8,0.85,0.93]", data.get("macroAuc").toString());
        assertEquals("GradCAM", data.get("techniques").get(0).get("name").asText());
        assertEquals("EigenCAM", data.get("techniques").get(1).get("name").asText());
        assertEquals("[0.61,0.64,0.42]", data.get("techniques").get(0).get("macro").toString());
        assertEquals("[null,null,null]", data.get("techniques").get(0).get("classes").get(1).toString(),
                "undefined class scores are gaps");
        assertEquals("[6,6,6]", data.get("classes").get(0).get("gold").toString());
        assertEquals(3, data.get("alerts").get(0).get("epoch").asInt());
        assertEquals("CScoreRelativeDrop", data.get("alerts").get(0).get("rules").asText());
    }

    @Test
    void aTechniqueTheTimeBudgetLeftOutIsCountedAndMarkedForTheCharts() throws IOException {
        Path path = folder.resolve("budget.jsonl");
        List<String> classes = List.of("NORMAL", "PNEUMONIA");
        try (TimelineWriter writer = TimelineWriter.create(path)) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                Results checkpoint = Results.classes(classes, new int[] {6, 3}, new double[] {0.9, 0.9}).epoch(epoch)
                        .scored(Technique.GRAD_CAM, new double[] {0.5, 0.4}, new int[] {0, 0});
                writer.accept((epoch == 2 ? checkpoint.skipped(Technique.SCORE_CAM, SkipReason.SCHEDULED_OUT)
                        : checkpoint.scored(Technique.SCORE_CAM, new double[] {0.75, 0.25}, new int[] {0, 0})).build("r"));
            }
        }

        String html = HtmlReport.of(path).html();

        assertTrue(html.contains("Checkpoints scored per technique: GradCAM 3 of 3; ScoreCAM 2 of 3 (1 scheduled_out)."),
                html);
        JsonNode scoreCam = chartData(html).get("techniques").get(1);
        assertEquals("[false,true,false]", scoreCam.get("scheduledOut").toString());
        assertEquals("[0.5,null,0.5]", scoreCam.get("macro").toString());
    }

    @Test
    void aRunScoringEveryTechniqueEverywhereHasNoCountsNote() throws IOException {
        String html = HtmlReport.of(timeline()).html();

        assertFalse(html.contains("Checkpoints scored per technique"));
    }

    @Test
    void thePageIsSelfContainedWithOneContainerPerChartAndTheAlertsTable() throws IOException {
        String html = HtmlReport.of(timeline()).html();

        assertFalse(Pattern.compile("<script[^>]+src=").matcher(html).find(), "no external script");
        assertFalse(html.contains("http://") && html.contains("<link"), "no external style sheet");
        assertTrue(html.contains("echarts"), "ECharts is inlined");
        assertTrue(html.contains("id=\"chart-global\""));
        assertTrue(html.contains("id=\"chart-class-0\"") && html.contains("id=\"chart-class-1\""));
        assertTrue(html.contains("id=\"chart-gold\""));
        assertTrue(html.contains("<td>CScoreRelativeDrop</td>"), "the alert is listed");
        assertEquals(3, html.split("</script>", -1).length - 1, "data, ECharts and the charts, nothing else: "
                + "no script closed early");
    }

    @Test
    void withoutExampleMapsThePageSaysSo() throws IOException {
        HtmlReport report = HtmlReport.of(timeline());

        assertFalse(report.hasExampleMaps());
        assertTrue(report.html().contains("No example maps recorded"));
        assertFalse(report.html().contains("class=\"overlay\""));
    }

    @Test
    void withExampleMapsEveryTechniqueEpochAndImageHasAnOverlay() throws IOException {
        Path timeline = timeline();
        ExampleMapsWriter maps = ExampleMapsWriter.besideTimeline(timeline);
        List<ExampleImage> images = List.of(
                new ExampleImage("c0-00001", 1, 0, "NORMAL", 4, 4, ramp(0)),
                new ExampleImage("c1-00002", 2, 1, HOSTILE_CLASS, 4, 4, ramp(3)));
        for (int epoch = 1; epoch <= 3; epoch++) {
            maps.accept(new ExampleMaps(HOSTILE_RUN, "resnet50v2", epoch, Phase.FINETUNE, images,
                    Map.of(Technique.GRAD_CAM, List.of(ramp(epoch), ramp(epoch + 1)),
                            Technique.EIGEN_CAM, List.of(ramp(epoch + 2), ramp(epoch + 3)))));
        }

        HtmlReport report = HtmlReport.of(timeline);
        String html = report.html();

        assertTrue(report.hasExampleMaps());
        assertEquals(2 * 3 * 2, count(html, "class=\"overlay\""), "2 techniques x 3 epochs x 2 images");
        assertEquals(2 * 2, count(html, "class=\"example\""), "the plain image starts each row");
        assertTrue(html.contains("<h3>GradCAM</h3>") && html.contains("<h3>EigenCAM</h3>"));
        assertTrue(html.indexOf("<h3>GradCAM</h3>") < html.indexOf("<h3>EigenCAM</h3>"), "in technique order");
        assertTrue(html.contains("epoch 1<br>transfer") && html.contains("epoch 3<br>finetune"));
        assertFalse(html.contains("<img src=x"));
    }

    @Test
    void unreadableExampleMapsLeaveTheReportWithTheReason() throws IOException {
        Path timeline = timeline();
        Path mapsFolder = Files.createDirectories(ExampleMapsWriter.directoryFor(timeline));
        Files.writeString(mapsFolder.resolve("index.json"), "{\"schema\": 99}");

        String html = HtmlReport.of(timeline).html();

        assertTrue(html.contains("Example maps not shown: "), html.substring(0, 200));
        assertTrue(html.contains("unsupported example-maps schema"));
        assertFalse(html.contains("No example maps recorded"));
    }

    @Test
    void writeToPutsReportHtmlIntoTheFolderAndLeavesNoTemporaryFile() throws IOException {
        Path out = folder.resolve("out/nested");

        Path html = HtmlReport.write(timeline(), out);

        assertEquals(out.resolve("report.html"), html);
        assertTrue(Files.size(html) > 500_000, "ECharts is inside");
        try (var files = Files.list(out)) {
            assertEquals(List.of(html), files.toList());
        }
    }

    @Test
    void aTimelineWithoutCheckpointsIsRefusedByName() throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.jsonl"), "");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HtmlReport.of(empty));

        assertTrue(error.getMessage().contains("empty.jsonl") && error.getMessage().contains("no checkpoint"),
                error.getMessage());
    }

    @Test
    void aMissingTimelineIsAnUncheckedIoErrorNamingIt() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> HtmlReport.of(folder.resolve("absent.jsonl")));

        assertTrue(error.getMessage().contains("absent.jsonl"), error.getMessage());
    }

    @Test
    void aCutOffLastRecordIsLeftOutAndShownAsAWarning() throws IOException {
        Path path = timeline();
        Files.writeString(path, "{\"schema\":2,\"rec", java.nio.file.StandardOpenOption.APPEND);

        String html = HtmlReport.of(path).html();

        assertTrue(html.contains("cut-off record of 16 bytes"), "the reader left the fragment out, the page says so");
        assertEquals(3, Timeline.read(path).checkpoints().size());
    }

    private static float[] ramp(int shift) {
        float[] values = new float[16];
        for (int i = 0; i < 16; i++) {
            values[i] = ((i + shift) % 16) / 15f;
        }
        return values;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theHeaderShowsTheRunsConfigurationDateSoftwareAndWhenEachCheckpointFinished() throws IOException {
        Path timeline = timeline();
        RunDescription.startingNow(HOSTILE_RUN, "cscore demo", Map.of("architecture", "resnet50v2",
                "learning rate", "0.001 <b>Adam</b>")).writeBeside(timeline);

        String html = HtmlReport.of(timeline).html();

        assertTrue(html.contains("<th>Command</th><td>cscore demo</td>"), html);
        assertTrue(html.contains("<th>architecture</th><td>resnet50v2</td>"), html);
        assertTrue(html.contains("<td>0.001 &lt;b&gt;Adam&lt;/b&gt;</td>"), "settings are escaped");
        assertTrue(html.matches("(?s).*<th>Started</th><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC</td>.*"), html);
        assertTrue(html.contains("<th>Measured with</th><td>cscore "), html);
        assertTrue(html.contains("(DJL 0.36.0, PyTorch 2.7.1)"), html);
        assertTrue(html.contains("<th>finished</th>") && html.contains("<td>2023-11-14 22:13:20 UTC</td>"),
                "each checkpoint's wall-clock time, as the timeline has it");
    }

    @Test
    void withoutADescriptionTheHeaderSaysTheSettingsWereNotRecorded() throws IOException {
        String html = HtmlReport.of(timeline()).html();

        assertTrue(html.contains("No run description beside the timeline"), html);
        assertTrue(html.contains("<th>Report</th><td>written "), html);
    }

    @Test
    void aDescriptionOfAnotherRunIsLeftOutWithANote() throws IOException {
        Path timeline = timeline();
        RunDescription.startingNow("someone-else", "cscore demo", Map.of("seed", "7")).writeBeside(timeline);

        String html = HtmlReport.of(timeline).html();

        assertFalse(html.contains("<th>seed</th>"), html);
        assertTrue(html.contains("is of run someone-else, not "), html);
    }

    @Test
    void thePageFollowsTheWidthOfTheScreen() throws IOException {
        String html = HtmlReport.of(timeline()).html();

        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertFalse(html.matches("(?s).*[^-]width: 1200px.*"), "no fixed page or chart width");
        assertTrue(html.contains("max-width: 1200px"));
    }

    @Test
    void aMacroOfSomeClassesOnlyIsSaidAndEachUndefinedScoreKeepsItsReason() throws IOException {
        String html = HtmlReport.of(timeline()).html();
        JsonNode gradCam = chartData(html).get("techniques").get(0);

        assertEquals("[1,1,1]", gradCam.get("defined").toString(), "GradCAM's macro covers one of two classes");
        assertEquals("gold list too small", gradCam.get("reasons").get(1).get(0).asText());
        assertEquals("", gradCam.get("reasons").get(0).get(0).asText());
        assertTrue(html.contains("id=\"partial-macro\""), html);
        assertTrue(html.contains("GradCAM at epoch 1 (1 of 2), 2 (1 of 2), 3 (1 of 2)"), html);
    }

    @Test
    void theChartsDrawTheRunsThresholdsOrTheDefaults() throws IOException {
        Path timeline = timeline();
        JsonNode defaults = chartData(HtmlReport.of(timeline).html());
        RunDescription.startingNow(HOSTILE_RUN, "cscore demo", Map.of()).withThresholds(0.2, 4).writeBeside(timeline);
        JsonNode described = chartData(HtmlReport.of(timeline).html());

        assertEquals(0.15, defaults.get("floor").asDouble());
        assertEquals(5, defaults.get("goldMinimum").asInt());
        assertEquals(0.2, described.get("floor").asDouble());
        assertEquals(4, described.get("goldMinimum").asInt());
    }
}
