package io.github.cscore.data;

import java.util.List;

/** Checks shared by the labelled-data adapters. */
final class LabelChecks {

    private LabelChecks() {}

    static void requireClassNames(List<String> classNames) {
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("at least two class names are needed, but had " + classNames);
        }
    }

    static void requireInRange(int label, String what, List<String> classNames) {
        if (label < 0 || label >= classNames.size()) {
            throw new IllegalArgumentException(what + " must be in [0, " + classNames.size() + "), but was " + label);
        }
    }
}
