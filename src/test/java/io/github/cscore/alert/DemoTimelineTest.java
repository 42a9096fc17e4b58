package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.testing.Tools;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default thresholds stay quiet on a real healthy run: the timeline of {@code java -jar
 * target/cscore.jar demo} (ResNet50V2 on synthetic phantoms, one transfer and five fine-tuning
 * epochs, default monitor), kept as a test resource, replayed through the engine.
 */
class DemoTimelineTest {

    private static final Path DEMO = Tools.projectRoot().resolve("src/test/resources/scenarios/demo-timeline.jsonl");

    @Test
    void defaultsFireNothingOnTheHealthyDemoRun() {
        Timeline timeline = Timeline.read(DEMO);
        AlertEngine engine = AlertEngine.ofDefaults();
        List<AlertEvent> events = new ArrayList<>();

        for (CheckpointResult result : timeline.checkpoints()) {
            events.addAll(engine.evaluate(result));
        }

        assertEquals(6, timeline.checkpoints().size());
        assertEquals(List.of(), events);
    }

    @Test
    void theDemoRunIsNotTriviallyQuiet() {
        // The same run with the floor raised above its healthy scores does fire: the replay is live.
        AlertEngine strict = AlertEngine.builder()
                .optRule(new BelowFloor(new BelowFloor.Settings(0.5, 1))).build();
        List<AlertEvent> events = new ArrayList<>();

        Timeline.read(DEMO).checkpoints().forEach(result -> events.addAll(strict.evaluate(result)));

        assertTrue(events.stream().anyMatch(e -> e.rule().equals(BelowFloor.NAME)), events.toString());
    }
}
