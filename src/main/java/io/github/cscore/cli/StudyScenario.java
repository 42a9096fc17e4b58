package io.github.cscore.cli;

import io.github.cscore.training.LearningRateSchedule;
import io.github.cscore.training.TrainingPhase;
import io.github.cscore.training.TrainingPlan;

import java.util.Arrays;
import java.util.Locale;

/**
 * The scenarios of the early-warning study (docs/experiments.md, "Protocol"): one healthy run and
 * six ways a fine-tuning goes wrong, each with an onset, the first step whose training differs from
 * the healthy run of the same seed. Until its onset a run trains exactly as its healthy twin.
 */
enum StudyScenario {

    /** Fine-tuning at a sane rate throughout. */
    HEALTHY("healthy"),
    /** A fine-tuning rate too high for the pretrained features, from the unfreeze on. */
    FORGETTING("forgetting"),
    /** The sane rate for two fine-tuning epochs, then a rate that triples every epoch (a new Adam each). */
    RUNAWAY("runaway"),
    /** The sane rate for one fine-tuning epoch, then a rate that grows tenfold every epoch, step by step. */
    SLOW_GROWTH("slow-growth"),
    /** After one fine-tuning epoch, training labels turn wrong at a rate rising to one half over two epochs. */
    LABEL_NOISE("label-noise"),
    /**
     * After one fine-tuning epoch, every PNEUMONIA training image carries a corner marker. The
     * monitor's validation sample carries it from the start, so its AUC stays high whatever the
     * model relies on; the held-out evaluation set does not, so a model that turns to the marker
     * loses AUC there.
     */
    SHORTCUT("shortcut"),
    /**
     * After one fine-tuning epoch, the marker comes with the PNEUMONIA label and the finding does
     * not: PNEUMONIA training images carry the marker, except a part rising to one half over two
     * epochs that arrives unmarked and labelled NORMAL. The marker then tells the labels apart and
     * the finding does not, so the model turns to the marker; the monitor's sample carries it as
     * in {@link #SHORTCUT}, the held-out set does not.
     */
    MARKER_LABELS("marker-labels");

    private final String label;

    StudyScenario(String label) {
        this.label = label;
    }

    /** The label used on the command line and in run names. */
    String label() {
        return label;
    }

    /** Finds a scenario by label. */
    static StudyScenario fromLabel(String label) {
        for (StudyScenario scenario : values()) {
            if (scenario.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + label + "'; known: "
                + Arrays.stream(values()).map(StudyScenario::label).toList());
    }

    /** Whether the run's validation sample, and from the onset its training data, carry the marker. */
    boolean isMarked() {
        return this == SHORTCUT || this == MARKER_LABELS;
    }

    /**
     * The first step whose training differs from the healthy twin's; -1 for the healthy run.
     *
     * @param protocol the settings
     * @param stepsPerEpoch the optimiser updates of one epoch
     */
    int onsetStep(StudyProtocol protocol, int stepsPerEpoch) {
        int unfreeze = protocol.transferEpochs() * stepsPerEpoch;
        return switch (this) {
            case HEALTHY -> -1;
            case FORGETTING -> unfreeze;
            case RUNAWAY -> unfreeze + 2 * stepsPerEpoch;
            case SLOW_GROWTH, LABEL_NOISE, SHORTCUT, MARKER_LABELS -> unfreeze + stepsPerEpoch;
        };
    }

    /** The learning rates of the run: the same as the healthy run's up to the onset. */
    TrainingPlan plan(StudyProtocol protocol, int stepsPerEpoch) {
        float sane = protocol.finetuneRate();
        LearningRateSchedule finetune = switch (this) {
            case HEALTHY, LABEL_NOISE, SHORTCUT, MARKER_LABELS -> LearningRateSchedule.constant(sane);
            case FORGETTING -> LearningRateSchedule.constant(protocol.forgettingRate());
            case RUNAWAY -> LearningRateSchedule.constant(sane)
                    .switchAfter(2, LearningRateSchedule.growingEachEpoch(protocol.runawayRate(), 3));
            case SLOW_GROWTH -> slowGrowth(sane, stepsPerEpoch);
        };
        return TrainingPlan.builder()
                .addPhase(TrainingPhase.transfer(protocol.transferEpochs(),
                        LearningRateSchedule.constant(protocol.transferRate())))
                .addPhase(TrainingPhase.finetune(protocol.finetuneEpochs(), finetune))
                .build();
    }

    /**
     * One Adam for the whole phase, as the healthy run has, at the sane rate for the first epoch
     * and then growing by a factor that makes it tenfold per epoch: the same numbers as the healthy
     * run up to the onset. DJL's Adam numbers its updates from 1, so update {@code stepsPerEpoch + 1}
     * is the first of the second epoch, the onset, and the first to grow.
     */
    private static LearningRateSchedule slowGrowth(float sane, int stepsPerEpoch) {
        double perStep = Math.pow(10, 1.0 / stepsPerEpoch);
        return LearningRateSchedule.perUpdate(update -> update <= stepsPerEpoch ? sane
                : (float) (sane * Math.pow(perStep, update - stepsPerEpoch)));
    }
}
