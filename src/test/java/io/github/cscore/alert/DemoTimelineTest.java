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
 * What the default thresholds fire on a real healthy run: the timeline of {@code java -jar
 * target/cscore.jar demo} (ResNet50V2 on synthetic phantoms, one transfer and five fine-tuning
 * epochs, default monitor), kept as a test resource, replayed through the engine. The rules
 * chosen on the demo run stay quiet; {@link ClassLeft}, chosen on the study's calibration runs,
 * speaks once, when the PNEUMONIA gold list swings from all 16 images to 4 at the start of
 * fine-tuning (docs/alerts.md, "Choosing the defaults"). The timeline predates the confidence and
 * drift signals, so {@link ConfidenceDrop} and {@link ExplanationDrift} see no data in it.
 */
class DemoTimelineTest {

    private static final Path DEMO = Tools.projectRoot().resolve("src/test/resources/scenarios/demo-timeline.jsonl");

    @Test
    void defaultsFireOnlyTheClassLeavingItsGoldListOnceOnTheHealthyDemoRun() {
        Timeline timeline = Timeline.read(DEMO);
        AlertEngine engine = AlertEngine.ofDefaults();
        List<AlertEvent> events = new ArrayList<>();

        for (CheckpointResult result : timeline.checkpoints()) {
            events.addAll(engine.evaluate(result));
        }

        assertEquals(6, timeline.checkpoints().size());
        assertEquals(List.of(ClassLeft.NAME + " PNEUMONIA FIRING at epoch 4 (4.0)",
                ClassLeft.NAME + " PNEUMONIA RESOLVED at epoch 5 (NaN)"), events.stream()
                .map(e -> e.rule() + " " + e.className() + " " + e.state() + " at epoch " + e.epoch() + " ("
                        + e.value() + ")")
                .toList());
    }

    @Test
    void theRulesChosenOnTheDemoRunFireNothingThere() {
        AlertEngine engine = AlertEngine.builder().optDisabled(ClassLeft.NAME).build();
        List<AlertEvent> events = new ArrayList<>();

        Timeline.read(DEMO).checkpoints().forEach(result -> events.addAll(engine.evaluate(result)));

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
