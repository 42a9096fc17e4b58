package io.github.cscore.cli;

import io.github.cscore.result.Technique;

import java.util.List;
import java.util.Locale;

/**
 * The settings of the early-warning study, fixed before its runs (docs/experiments.md,
 * "Protocol"). {@link #ofDefaults()} is the protocol; the command line can change a setting, and
 * a study folder refuses runs made with other settings ({@link #describe()}).
 *
 * @param input the image side the network receives
 * @param width the width multiplier of the scaled network
 * @param trainPerClass phantoms per class in the {@code train} folder, a tenth of them carved out
 *     for validation
 * @param evaluationPerClass phantoms per class in the {@code test} folder: the held-out evaluation set
 * @param batchSize the training batch size
 * @param transferEpochs epochs with the backbone frozen
 * @param finetuneEpochs epochs of fine-tuning
 * @param transferRate the Adam rate of the head during transfer
 * @param finetuneRate the sane fine-tuning rate
 * @param forgettingRate the fine-tuning rate of the forgetting scenario
 * @param runawayRate the first too-high rate of the runaway scenario
 * @param checkpointEverySteps optimiser updates between two checkpoints
 * @param samplePerClass validation images per class in the monitor's sample
 * @param noiseRampEpochs epochs over which the label-noise rate rises to one half
 * @param pretrainSeed the seed of the pretrained backbone's data and weights
 * @param dropMargin the held-out AUC drop: below its running maximum minus this
 */
record StudyProtocol(
        int input,
        float width,
        int trainPerClass,
        int evaluationPerClass,
        int batchSize,
        int transferEpochs,
        int finetuneEpochs,
        float transferRate,
        float finetuneRate,
        float forgettingRate,
        float runawayRate,
        int checkpointEverySteps,
        int samplePerClass,
        int noiseRampEpochs,
        long pretrainSeed,
        double dropMargin) {

    /** The seeds thresholds are chosen on. */
    static final List<Long> CALIBRATION_SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
    /** The seeds reported on; no threshold was chosen on them. */
    static final List<Long> REPORT_SEEDS = List.of(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    /** The pretraining seed of the calibration runs' backbone; the report runs use another. */
    /**
     * The monitor's techniques in every run: the five of one shared pass, fixed before the runs. The
     * study does not use the time budget, so that every run scores the same techniques at every
     * checkpoint; Score-CAM's cost would otherwise leave it out of most checkpoints at this scale.
     */
    static final List<Technique> TECHNIQUES = List.of(Technique.GRAD_CAM, Technique.GRAD_CAM_PLUS_PLUS,
            Technique.LAYER_CAM, Technique.EIGEN_CAM, Technique.MS_GRAD_CAM_PLUS_PLUS);
    static final long CALIBRATION_PRETRAIN_SEED = 101;
    /** The pretraining seed of the report runs' backbone. */
    static final long REPORT_PRETRAIN_SEED = 202;
    /** The share of each class of the {@code train} folder carved out for validation. */
    static final float VALIDATION_FRACTION = 0.1f;

    /** The protocol's settings, with the report runs' backbone. */
    static StudyProtocol ofDefaults() {
        return new StudyProtocol(48, 0.25f, 600, 200, 32, 1, 4, 0.002f, 0.0003f, 0.005f, 0.005f, 10, 16, 2,
                REPORT_PRETRAIN_SEED, 0.05);
    }

    /**
     * The same protocol at another scale: for a quick run, or to try the defaults on settings
     * they were not chosen on.
     */
    StudyProtocol withScale(int trainPerClass, int evaluationPerClass, int transferEpochs, int finetuneEpochs,
            int checkpointEverySteps, int samplePerClass) {
        return new StudyProtocol(input, width, trainPerClass, evaluationPerClass, batchSize, transferEpochs,
                finetuneEpochs, transferRate, finetuneRate, forgettingRate, runawayRate, checkpointEverySteps,
                samplePerClass, noiseRampEpochs, pretrainSeed, dropMargin);
    }

    /** The same settings with another backbone seed. */
    StudyProtocol withPretrainSeed(long seed) {
        return new StudyProtocol(input, width, trainPerClass, evaluationPerClass, batchSize, transferEpochs,
                finetuneEpochs, transferRate, finetuneRate, forgettingRate, runawayRate, checkpointEverySteps,
                samplePerClass, noiseRampEpochs, seed, dropMargin);
    }

    /** One line per setting, for the settings file of a study folder. */
    String describe() {
        return String.format(Locale.ROOT, "input=%d%nwidth=%s%ntrain-per-class=%d%nevaluation-per-class=%d%n"
                + "batch-size=%d%ntransfer-epochs=%d%nfinetune-epochs=%d%ntransfer-rate=%s%nfinetune-rate=%s%n"
                + "forgetting-rate=%s%nrunaway-rate=%s%ncheckpoint-every-steps=%d%nsample-per-class=%d%n"
                + "noise-ramp-epochs=%d%ndrop-margin=%s%n", input, width, trainPerClass, evaluationPerClass,
                batchSize, transferEpochs, finetuneEpochs, transferRate, finetuneRate, forgettingRate, runawayRate,
                checkpointEverySteps, samplePerClass, noiseRampEpochs, dropMargin);
    }
}
