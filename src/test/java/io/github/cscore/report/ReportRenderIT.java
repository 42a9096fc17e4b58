package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.result.CheckpointResult;
import io.github.cscore.timeline.RecordedExampleMaps;
import io.github.cscore.testing.Chromium;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * The report of a real short training, rendered by a real browser (Debian's headless Chromium):
 * every chart drew its SVG, and in a screenshot every chart area and every overlay holds a picture,
 * not a blank.
 */
class ReportRenderIT {

    private static final int WIDTH = 1400;
    private static final int EPOCHS = 5;
    /** A phone's CSS width. */
    private static final int PHONE = 390;

    @TempDir
    static Path folder;
    private static Path timeline;
    private static Path html;

    @BeforeAll
    static void trainAndWriteTheReport() throws Exception {
        timeline = ReportRun.train(folder, 3, 1);
        RunDescription.startingNow(Timeline.read(timeline).checkpoints().get(0).run(), "ReportRenderIT",
                Map.of("architecture", "resnet50v2 (scaled)", "seed", "3")).writeBeside(timeline);
        // snippet: report-write
        html = HtmlReport.write(timeline, folder.resolve("report")); // report/report.html
        // end-snippet
    }

    @Test
    void theRunLeftWhatTheReportShows() {
        Timeline read = Timeline.read(timeline);
        RecordedExampleMaps maps = RecordedExampleMaps.besideTimeline(timeline).orElseThrow();

        assertEquals(EPOCHS, read.checkpoints().size());
        assertTrue(read.checkpoints().stream().map(CheckpointResult::phase).distinct().count() == 2,
                "both phases, so the boundary is drawn");
        assertFalse(read.alerts().isEmpty(), "the blown-up epoch fired alerts");
        assertEquals(4, maps.images().size(), "2 images of each class");
        assertTrue(maps.epochs().size() >= EPOCHS - 1, "maps of every scored checkpoint: " + maps.epochs().keySet());
    }

    @Test
    void chromiumDrawsEveryChartAndEveryOverlay() throws Exception {
        assumeTrue(Chromium.isInstalled(), "assumes Debian's chromium at " + Chromium.EXECUTABLE
                + "; without it the report cannot be rendered here");
        Chromium chromium = new Chromium(folder.resolve("chromium-profile"));

        String dom = chromium.dumpDom(html, WIDTH, 1000);
        List<Region> regions = layout(dom);
        int height = regions.stream().mapToInt(region -> region.y + region.h).max().orElseThrow() + 40;
        Path png = folder.resolve("report.png");
        chromium.screenshot(html, png, WIDTH, height);
        BufferedImage screenshot = ImageIO.read(png.toFile());

        List<Region> charts = regions.stream().filter(region -> region.kind.equals("chart")).toList();
        List<Region> overlays = regions.stream().filter(region -> region.kind.equals("overlay")).toList();
        assertEquals(List.of("chart-global", "chart-class-0", "chart-class-1", "chart-gold"),
                charts.stream().map(Region::id).toList());
        for (Region chart : charts) {
            assertTrue(chartRendered(dom, chart.id), chart.id + " has no drawn SVG in the DOM");
            double inked = inkedShare(screenshot, chart);
            assertTrue(inked > 0.01, chart.id + " is blank in the screenshot: " + inked + " of its pixels inked");
        }
        RecordedExampleMaps maps = RecordedExampleMaps.besideTimeline(timeline).orElseThrow();
        // The time budget may leave a costly technique out of a checkpoint, which then records no
        // map of it: count the techniques recorded at each checkpoint, not the first one's.
        int techniqueCheckpoints = maps.epochs().values().stream().mapToInt(Map::size).sum();
        assertEquals(techniqueCheckpoints * maps.images().size(), overlays.size(),
                "one overlay per technique, checkpoint and image recorded");
        for (Region overlay : overlays) {
            assertTrue(overlay.w >= 90 && overlay.h >= 90, "overlays are shown at 96 px: " + overlay);
            double deviation = deviation(screenshot, overlay);
            assertTrue(deviation > 10, "overlay at " + overlay + " is flat in the screenshot: deviation " + deviation);
        }
    }

    @Test
    void atPhoneWidthThePageFitsTheScreenAndEveryChartShowsEveryEpoch() throws Exception {
        assumeTrue(Chromium.isInstalled(), "assumes Debian's chromium at " + Chromium.EXECUTABLE);
        Chromium chromium = new Chromium(folder.resolve("chromium-phone"));
        // Chromium's window is at least 500 px wide: the report gets a phone's viewport in a frame.
        Path phone = html.resolveSibling("phone.html");
        java.nio.file.Files.writeString(phone, "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\""
                + html.getFileName() + "\" style=\"width:" + PHONE + "px;height:2400px;border:0\"></iframe><script>"
                + "document.getElementById('f').addEventListener('load', function () {"
                + " var inner = this.contentDocument.body;"
                + " ['data-layout', 'data-page-width', 'data-viewport-width'].forEach(function (a) {"
                + " document.body.setAttribute(a, inner.getAttribute(a)); }); });</script></body></html>");

        String dom = chromium.dumpDom(phone, 500, 800);
        assertEquals(PHONE, attribute(dom, "data-viewport-width"), "the report saw a phone's viewport");

        int pageWidth = attribute(dom, "data-page-width");
        assertTrue(pageWidth <= PHONE, "the page is " + pageWidth + " px wide on a " + PHONE + " px screen");
        JsonNode layout = new ObjectMapper().readTree(layoutJson(dom));
        for (JsonNode chart : layout) {
            if (chart.get("kind").asText().equals("chart")) {
                assertTrue(chart.get("w").asInt() <= PHONE && chart.get("w").asInt() > PHONE / 2, chart.toString());
                assertEquals(EPOCHS, chart.get("epochLabels").asInt(), "a label per epoch: " + chart);
            }
        }
        Path png = folder.resolve("report-phone.png");
        chromium.screenshot(phone, png, 500, 2400);
        assertTrue(java.nio.file.Files.size(png) > 10_000, "a screenshot was taken");
    }

    @Test
    void undefinedCheckpointsAreMarkedThresholdsDrawnAndTheHeaderShown() throws Exception {
        assumeTrue(Chromium.isInstalled(), "assumes Debian's chromium at " + Chromium.EXECUTABLE);
        Chromium chromium = new Chromium(folder.resolve("chromium-marks"));

        String dom = chromium.dumpDom(html, WIDTH, 1000);

        JsonNode layout = new ObjectMapper().readTree(layoutJson(dom));
        JsonNode global = layout.get(0);
        assertEquals("chart-global", global.get("id").asText());
        assertTrue(global.get("undefinedMarks").asInt() > 0, "the degenerate checkpoint is marked: " + global);
        assertEquals(1, global.get("thresholds").asInt(), "the floor is drawn");
        for (JsonNode chart : layout) {
            if (chart.get("id").asText().equals("chart-gold")) {
                assertEquals(1, chart.get("thresholds").asInt(), "the gold-list minimum is drawn");
            }
        }
        assertTrue(dom.contains("<th>Measured with</th><td>cscore "), "the run's header");
        assertTrue(dom.contains("<th>architecture</th><td>resnet50v2 (scaled)</td>"), "the run's settings");
    }

    private static int attribute(String dom, String name) {
        Matcher matcher = Pattern.compile("<body[^>]*" + name + "=\"(\\d+)\"").matcher(dom);
        assertTrue(matcher.find(), name + " recorded");
        return Integer.parseInt(matcher.group(1));
    }

    private static String layoutJson(String dom) {
        Matcher matcher = Pattern.compile("<body[^>]*data-layout=\"([^\"]*)\"").matcher(dom);
        assertTrue(matcher.find(), "the page's script ran to its end and recorded the layout");
        return matcher.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    }

    record Region(String id, String kind, int x, int y, int w, int h) {}

    /** The page records where its charts and overlays are in body[data-layout]. */
    private static List<Region> layout(String dom) throws Exception {
        Matcher matcher = Pattern.compile("<body[^>]*data-layout=\"([^\"]*)\"").matcher(dom);
        assertTrue(matcher.find(), "the page's script ran to its end and recorded the layout");
        String json = matcher.group(1).replace("&quot;", "\"").replace("&amp;", "&");
        List<Region> regions = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(json)) {
            regions.add(new Region(node.get("id").asText(), node.get("kind").asText(), node.get("x").asInt(),
                    node.get("y").asInt(), node.get("w").asInt(), node.get("h").asInt()));
        }
        return regions;
    }

    /** ECharts drew: the container is marked rendered and holds an SVG with many paths. */
    private static boolean chartRendered(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        int end = dom.indexOf("</svg>", start);
        if (start < 0 || end < 0) {
            return false;
        }
        String container = dom.substring(dom.lastIndexOf('<', start), end);
        int paths = container.split("<path", -1).length - 1;
        return container.contains("data-rendered=\"true\"") && paths >= 10;
    }

    /** Share of the region's pixels that are not (near) white. */
    private static double inkedShare(BufferedImage image, Region region) {
        long inked = 0;
        long total = 0;
        for (int y = region.y; y < Math.min(region.y + region.h, image.getHeight()); y++) {
            for (int x = region.x; x < Math.min(region.x + region.w, image.getWidth()); x++) {
                total++;
                inked += luminance(image.getRGB(x, y)) < 235 ? 1 : 0;
            }
        }
        return total == 0 ? 0 : (double) inked / total;
    }

    /** Standard deviation of the region's luminance. */
    private static double deviation(BufferedImage image, Region region) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int y = region.y; y < Math.min(region.y + region.h, image.getHeight()); y++) {
            for (int x = region.x; x < Math.min(region.x + region.w, image.getWidth()); x++) {
                double value = luminance(image.getRGB(x, y));
                sum += value;
                squares += value * value;
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        double mean = sum / count;
        return Math.sqrt(Math.max(0, squares / count - mean * mean));
    }

    private static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
