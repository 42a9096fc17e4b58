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

    @TempDir
    static Path folder;
    private static Path timeline;
    private static Path html;

    @BeforeAll
    static void trainAndWriteTheReport() throws Exception {
        timeline = ReportRun.train(folder, 3, 1);
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
        int techniques = maps.epochs().values().iterator().next().size();
        assertEquals(techniques * maps.epochs().size() * maps.images().size(), overlays.size(),
                "one overlay per technique, checkpoint and image");
        for (Region overlay : overlays) {
            assertTrue(overlay.w >= 90 && overlay.h >= 90, "overlays are shown at 96 px: " + overlay);
            double deviation = deviation(screenshot, overlay);
            assertTrue(deviation > 10, "overlay at " + overlay + " is flat in the screenshot: deviation " + deviation);
        }
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
