package io.github.cscore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.storage.Sha256;
import io.github.cscore.timeline.TimelineWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

/** The fault tests' judge of whole files: it must pass whole ones and catch each kind of cut. */
class WholeFilesTest {

    @TempDir
    Path folder;

    @Test
    void wholeFilesOfEveryKindPassAndHiddenLeftoversAreNotLookedAt() throws Exception {
        writeTimeline(folder.resolve("timeline.jsonl"));
        Files.writeString(folder.resolve("index.json"), "{\"a\": 1}");
        Files.write(folder.resolve("map.png"), png());
        Files.writeString(folder.resolve("report.html"), "<html><body></body></html>\n");
        Files.writeString(folder.resolve("summary.csv"), "a,b\n1,2\n");
        Files.write(folder.resolve("findings.backbone"), backbone());
        Files.writeString(folder.resolve(".report.html-0123.tmp"), "<html><bo");

        assertEquals(List.of(), WholeFiles.problems(folder));
    }

    @Test
    void aTimelineWithADamagedRecordIsCaughtButACutOffLastOneIsWhatTheReaderAllows() throws Exception {
        Path timeline = folder.resolve("timeline.jsonl");
        writeTimeline(timeline);
        Files.writeString(timeline, Files.readString(timeline) + "{\"epoch\":");

        assertEquals(List.of(), WholeFiles.problems(folder), "a cut-off last record is left out by the reader");

        List<String> lines = Files.readAllLines(timeline);
        Files.writeString(timeline, lines.get(0).substring(0, 20) + "\n" + lines.get(1) + "\n");

        assertEquals(1, WholeFiles.problems(folder).size(), WholeFiles.problems(folder).toString());
    }

    @Test
    void eachKindOfCutFileIsCaught() throws Exception {
        Files.writeString(folder.resolve("index.json"), "{\"a\": ");
        byte[] png = png();
        Files.write(folder.resolve("map.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(folder.resolve("report.html"), "<html><body>");
        Files.writeString(folder.resolve("summary.csv"), "a,b\n1,");
        byte[] backbone = backbone();
        Files.write(folder.resolve("findings.backbone"), Arrays.copyOf(backbone, backbone.length - 1));
        Files.writeString(folder.resolve("what.bin"), "?");

        List<String> problems = WholeFiles.problems(folder);

        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("what.bin: no check")), problems.toString());
    }

    private static void writeTimeline(Path file) throws Exception {
        try (TimelineWriter writer = TimelineWriter.create(file)) {
            writer.accept(WriterChild.checkpoint("run-1", 1));
            writer.accept(WriterChild.checkpoint("run-1", 2));
        }
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return bytes.toByteArray();
    }

    /** The backbone layout the checker knows: magic, version, content, end mark, SHA-256 of the rest. */
    private static byte[] backbone() {
        ByteBuffer body = ByteBuffer.allocate(4 * Integer.BYTES);
        body.putInt(0x43534242).putInt(2).putInt(12345).putInt(0x43534245);
        byte[] digest = Sha256.digest().digest(body.array());
        return ByteBuffer.allocate(body.capacity() + digest.length).put(body.array()).put(digest).array();
    }
}
