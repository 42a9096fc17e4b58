package io.github.cscore.monitor;

import io.github.cscore.cam.ScoreCam;
import io.github.cscore.cam.ScoreCamConfig;
import io.github.cscore.result.Phase;
import io.github.cscore.result.Technique;
import io.github.cscore.score.CScoreConfig;

import java.util.List;
import java.util.Objects;

/**
 * The settings of a monitor that decide its numbers: which images are sampled, how they are
 * batched, which techniques run and how the C-Score is computed. Two monitors with equal scoring
 * settings, validation data and model parameters give equal checkpoint results; a sidecar
 * evaluator stores these beside the checkpoints to rebuild the live monitor elsewhere.
 *
 * @param techniques the techniques, in the order given to the builder
 * @param samplePerClass the most sample images per class
 * @param batchSize the images per shared pass
 * @param seed the seed of the sample's random generator
 * @param cscore the C-Score parameters
 * @param scoreCam the batching and top-K of the Score-CAM the monitor runs ({@code
 *     ScoreCam.config()}); the defaults when it runs none
 * @param phase the fixed phase, or null when it is inferred from the block at each checkpoint
 */
public record ScoringSettings(
        List<Technique> techniques,
        int samplePerClass,
        int batchSize,
        long seed,
        CScoreConfig cscore,
        ScoreCamConfig scoreCam,
        Phase phase) {

    /**
     * Checks and copies the components.
     *
     * @param techniques at least one technique
     * @param samplePerClass the most sample images per class
     * @param batchSize the images per shared pass
     * @param seed the seed of the sample's random generator
     * @param cscore the C-Score parameters, not null
     * @param scoreCam Score-CAM's batching and top-K, not null
     * @param phase the fixed phase, or null when inferred
     */
    public ScoringSettings {
        techniques = List.copyOf(techniques);
        if (techniques.isEmpty()) {
            throw new IllegalArgumentException("at least one technique is required");
        }
        Objects.requireNonNull(cscore, "cscore");
        Objects.requireNonNull(scoreCam, "scoreCam");
    }

    /**
     * The settings of a monitor built without any of them set: {@link
     * CScoreMonitorBuilder#DEFAULT_TECHNIQUES}, 16 images per class, batches of 16, seed 42, the
     * default C-Score and Score-CAM configurations, the phase inferred.
     *
     * @return the default scoring settings
     */
    public static ScoringSettings ofDefaults() {
        return new ScoringSettings(CScoreMonitorBuilder.DEFAULT_TECHNIQUES, CScoreMonitorBuilder.DEFAULT_SAMPLE_PER_CLASS,
                CScoreMonitorBuilder.DEFAULT_BATCH_SIZE, CScoreMonitorBuilder.DEFAULT_SEED, CScoreConfig.ofDefaults(),
                ScoreCamConfig.ofDefaults(), null);
    }

    /**
     * Sets every one of these settings on a monitor builder, Score-CAM as an instance of its own
     * when it is among the techniques.
     *
     * @param builder the builder
     * @return the same builder
     */
    public CScoreMonitorBuilder applyTo(CScoreMonitorBuilder builder) {
        builder.optTechniques(techniques.toArray(Technique[]::new))
                .optSamplePerClass(samplePerClass)
                .optBatchSize(batchSize)
                .optSeed(seed)
                .optCScore(cscore);
        if (techniques.contains(Technique.SCORE_CAM)) {
            builder.optImplementation(new ScoreCam(scoreCam));
        }
        if (phase != null) {
            builder.optPhase(phase);
        }
        return builder;
    }
}
