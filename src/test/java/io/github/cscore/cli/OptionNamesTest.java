package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import java.util.Map;

class OptionNamesTest {

    private final OptionNames names = OptionNames.of(Map.of("topK", "--scorecam-top-k", "learningRate", "--learning-rate"));

    @Test
    void everyKnownPropertyIsNamedByItsOptionKeepingTheCause() {
        IllegalArgumentException error = new IllegalArgumentException("topK must be 0 or positive, not learningRate");

        IllegalArgumentException named = names.translate(error);

        assertEquals("--scorecam-top-k must be 0 or positive, not --learning-rate", named.getMessage());
        assertSame(error, named.getCause());
    }

    @Test
    void onlyWholeWordsAreProperties() {
        IllegalArgumentException error = new IllegalArgumentException("topKeep, learningRates and --topK-x are not");

        assertSame(error, names.translate(error));
    }

    @Test
    void aMessageThatNamesAnOptionAlreadyIsLeftAlone() {
        IllegalArgumentException error = new IllegalArgumentException("--scorecam-top-k 3 exceeds topK");

        assertSame(error, names.translate(error));
    }

    @Test
    void aCommandTranslatesByItsOwnOptionsAndThoseOfItsMixins() {
        OptionNames demo = OptionNames.of(CScoreCommand.commandLine().getSubcommands().get("demo").getCommandSpec());
        OptionNames models = OptionNames.of(CScoreCommand.commandLine().getSubcommands().get("models").getCommandSpec());
        IllegalArgumentException error = new IllegalArgumentException("widthMultiplier must be in (0, 4]; numClasses 1");

        assertEquals("--width must be in (0, 4]; numClasses 1", demo.translate(error).getMessage());
        assertEquals("--width must be in (0, 4]; --classes 1", models.translate(error).getMessage());
    }
}
