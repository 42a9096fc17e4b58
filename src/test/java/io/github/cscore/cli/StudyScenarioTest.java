package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scenarios' onsets and which of them carry the marker, as docs/experiments.md states them. */
class StudyScenarioTest {

    private static final StudyProtocol PROTOCOL = StudyProtocol.ofDefaults();
    private static final int STEPS_PER_EPOCH = 34;

    @Test
    void theOnsetsAreThoseOfTheProtocolTable() {
        int unfreeze = PROTOCOL.transferEpochs() * STEPS_PER_EPOCH;

        assertEquals(-1, StudyScenario.HEALTHY.onsetStep(PROTOCOL, STEPS_PER_EPOCH));
        assertEquals(unfreeze, StudyScenario.FORGETTING.onsetStep(PROTOCOL, STEPS_PER_EPOCH));
        assertEquals(unfreeze + 2 * STEPS_PER_EPOCH, StudyScenario.RUNAWAY.onsetStep(PROTOCOL, STEPS_PER_EPOCH));
        for (StudyScenario oneEpochIn : new StudyScenario[] {StudyScenario.SLOW_GROWTH, StudyScenario.LABEL_NOISE,
                StudyScenario.SHORTCUT, StudyScenario.MARKER_LABELS}) {
            assertEquals(unfreeze + STEPS_PER_EPOCH, oneEpochIn.onsetStep(PROTOCOL, STEPS_PER_EPOCH), oneEpochIn.label());
        }
        assertEquals(68, StudyScenario.MARKER_LABELS.onsetStep(PROTOCOL, STEPS_PER_EPOCH));
    }

    @Test
    void theTwoMarkerScenariosAreMarkedAndNoOther() {
        for (StudyScenario scenario : StudyScenario.values()) {
            boolean marked = scenario == StudyScenario.SHORTCUT || scenario == StudyScenario.MARKER_LABELS;
            assertEquals(marked, scenario.isMarked(), scenario.label());
        }
        assertTrue(StudyScenario.fromLabel("marker-labels").isMarked());
        assertFalse(StudyScenario.fromLabel("label-noise").isMarked());
    }
}
