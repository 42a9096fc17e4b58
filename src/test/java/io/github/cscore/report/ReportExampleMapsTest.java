package io.github.cscore.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.ExampleImage;
import io.github.cscore.result.ExampleMaps;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.ExampleMapsWriter;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The report shows every example map it can read and says which could not be, and where. */
class ReportExampleMapsTest {

    @TempDir
    Path folder;

    private Path run(String mapsRun) throws IOException {
        Path timeline = folder.resolve("timeline.jsonl");
        try (TimelineWriter writer = TimelineWriter.create(timeline)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                writer.accept(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {6, 5}, new double[] {0.9, 0.9})
                        .scored(Technique.GRAD_CAM, new double[] {0.5, 0.6}, new int[] {0, 0})
                        .epoch(epoch).build("run"));
            }
        }
        ExampleMapsWriter maps = ExampleMapsWriter.besideTimeline(timeline);
        List<ExampleImage> images = List.of(new ExampleImage("c0-00001", 1, 0, "NORMAL", 4, 4, new float[16]),
                new ExampleImage("c1-00002", 2, 1, "PNEUMONIA", 4, 4, new float[16]));
        for (int epoch = 1; epoch <= 2; epoch++) {
            maps.accept(new ExampleMaps(mapsRun, "resnet50v2", epoch, Phase.FINETUNE, images,
                    Map.of(Technique.GRAD_CAM, List.of(new float[16], new float[16]))));
        }
        return timeline;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void oneCorruptMapCostsOneCellAndTheReportSaysWhichAndWhere() throws IOException {
        Path timeline = run("run");
        Path broken = ExampleMapsWriter.directoryFor(timeline).resolve("epoch-0002/gradcam/c1-00002.png");
        Files.writeString(broken, "junk");

        HtmlReport report = HtmlReport.of(timeline);
        String html = report.html();

        assertTrue(report.hasExampleMaps());
        assertEquals(3, count(html, "class=\"overlay\""), "2 epochs x 2 images, less the broken one");
        assertTrue(html.contains(broken.getFileName().toString()), "the page names the file");
        assertFalse(html.contains("No example maps recorded"));
        assertEquals("example maps: 1 file skipped, " + broken + " is not a PNG image", report.exampleMapsNote());
    }

    @Test
    void mapsOfAnotherRunAreNotShownAsThisRuns() throws IOException {
        Path timeline = run("an earlier run");

        HtmlReport report = HtmlReport.of(timeline);

        assertFalse(report.hasExampleMaps());
        assertTrue(report.exampleMapsNote().startsWith("example maps not shown: "
                + ExampleMapsWriter.directoryFor(timeline) + " holds maps of run 'an earlier run'"),
                report.exampleMapsNote());
        assertFalse(report.html().contains("No example maps recorded"));
    }

    @Test
    void withoutMapsTheNoteSaysNoneWereRecorded() throws IOException {
        Path timeline = run("run");
        io.github.cscore.storage.AtomicOutput.deleteTree(ExampleMapsWriter.directoryFor(timeline));

        assertEquals("no example maps recorded", HtmlReport.of(timeline).exampleMapsNote());
    }
}
