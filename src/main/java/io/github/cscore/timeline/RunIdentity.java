package io.github.cscore.timeline;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Technique;

import java.util.List;
import java.util.Optional;

/**
 * What makes the records of a timeline one run: run and model names, and, for checkpoints, the
 * class names in order and the technique labels. A reader that matched later records by index
 * to the first record's classes would draw one class under another's name; so a record that
 * disagrees with the first is refused instead.
 *
 * @param run the run name
 * @param model the model name
 * @param classes the class names in class order; null for an alert, which has none
 * @param techniques the technique labels in technique order; null for an alert
 */
record RunIdentity(String run, String model, List<String> classes, List<String> techniques) {

    static RunIdentity of(Object record) {
        if (record instanceof CheckpointResult result) {
            return new RunIdentity(result.run(), result.model(), result.classNames(),
                    result.techniques().keySet().stream().map(Technique::label).toList());
        }
        AlertEvent event = (AlertEvent) record;
        return new RunIdentity(event.run(), event.model(), null, null);
    }

    /**
     * Describes how a later record differs from the run's first ones, if it does.
     *
     * @param first the identity of the first record, merged with the first checkpoint's classes
     * @param where how to name this record, such as {@code line 3}
     * @param firstWhere how to name the first, such as {@code line 1}
     * @return the first difference, or empty if the record belongs to the run
     */
    Optional<String> differenceFrom(RunIdentity first, String where, String firstWhere) {
        if (!run.equals(first.run)) {
            return Optional.of(where + " is of run '" + run + "', but " + firstWhere + " is of run '" + first.run + "'");
        }
        if (!model.equals(first.model)) {
            return Optional.of(where + " is of model '" + model + "', but " + firstWhere + " is of model '"
                    + first.model + "'");
        }
        if (classes != null && first.classes != null && !classes.equals(first.classes)) {
            return Optional.of(where + " has classes " + classes + ", but " + firstWhere + " has " + first.classes);
        }
        if (techniques != null && first.techniques != null && !techniques.equals(first.techniques)) {
            return Optional.of(where + " has techniques " + techniques + ", but " + firstWhere + " has "
                    + first.techniques);
        }
        return Optional.empty();
    }

    /** Whether this identity names classes and techniques (a checkpoint's). */
    boolean isComplete() {
        return classes != null;
    }
}
