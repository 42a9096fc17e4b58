package io.github.cscore.study;

/**
 * Something that warns, judged by the study: the default alerts, one rule at some threshold, the
 * AUC alarm.
 */
public interface Signal {

    /**
     * Returns the name shown in the tables.
     *
     * @return the name
     */
    String name();

    /**
     * Finds when this signal warned in a run.
     *
     * @param run the run
     * @return its warnings
     */
    Warnings warnings(StudyRunData run);
}
