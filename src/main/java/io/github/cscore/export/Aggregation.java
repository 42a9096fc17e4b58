package io.github.cscore.export;

import io.github.cscore.score.GlobalScore;

import java.util.Locale;

/** The global C-Score aggregates, the values of label {@code aggregation}. */
enum Aggregation {
    /** Mean over the classes with a defined score. */
    MACRO,
    /** Gold-size-weighted mean over those classes. */
    WEIGHTED,
    /** The lowest defined class score. */
    WORST;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    double of(GlobalScore global) {
        return switch (this) {
            case MACRO -> global.macro();
            case WEIGHTED -> global.weighted();
            case WORST -> global.worst();
        };
    }
}
