package io.github.cscore.cli;

import io.github.cscore.study.RunSeries;

import java.util.Locale;

/**
 * One run of the study: a scenario, a seed, and the split the seed belongs to, which also decides
 * the pretrained backbone (calibration and report runs start from different ones).
 *
 * @param scenario the scenario
 * @param seed the seed of data, weights, shuffling and sample
 * @param split calibration or report
 */
record StudyRun(StudyScenario scenario, long seed, RunSeries.Split split) {

    /** The run's name, unique in a study: {@code <scenario>-s<seed>}. */
    String id() {
        return scenario.label() + "-s" + seed;
    }

    /** The pretraining seed of the run's backbone. */
    long pretrainSeed() {
        return split == RunSeries.Split.CALIBRATION ? StudyProtocol.CALIBRATION_PRETRAIN_SEED
                : StudyProtocol.REPORT_PRETRAIN_SEED;
    }

    @Override
    public String toString() {
        return id() + " (" + split.name().toLowerCase(Locale.ROOT) + ")";
    }
}
