package io.github.cscore.study;

/**
 * The baseline every early warning is measured against: the alarm a user already has, on the
 * monitor's own sample AUC. It warns at every checkpoint whose sample macro AUC is below its
 * running maximum minus a margin (or undefined after a defined value).
 */
public final class AucAlarm implements Signal {

    private final double margin;

    /**
     * Creates the alarm.
     *
     * @param margin how far below its running maximum the sample AUC must fall, in (0, 1)
     * @throws IllegalArgumentException if the margin is outside (0, 1)
     */
    public AucAlarm(double margin) {
        if (!(margin > 0 && margin < 1)) {
            throw new IllegalArgumentException("margin must be in (0, 1), but was " + margin);
        }
        this.margin = margin;
    }

    /**
     * Returns the margin.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "AUC alarm (sample AUC below its maximum - " + margin + ")";
    }

    /** {@inheritDoc} */
    @Override
    public Warnings warnings(StudyRunData run) {
        return warnings(run.series());
    }

    /**
     * Finds when the alarm warned in a run.
     *
     * @param run the run
     * @return its warnings
     */
    public Warnings warnings(RunSeries run) {
        return Warnings.of(run, WarningJudge.belowRunningMax(run.checkpoints(), RunSeries.Point::sampleAuc, margin));
    }
}
