package io.github.cscore.alert;

/**
 * The range checks of the rules' settings, with messages that name the setting, its range and the
 * value given, as Resilience4j's configurations do.
 */
final class Bounds {

    private Bounds() {}

    /** Checks low <= value <= high. */
    static double closed(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], but was " + value);
        }
        return value;
    }

    /** Checks 0 < value < 1. */
    static double openUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), but was " + value);
        }
        return value;
    }

    /** Checks value >= low. */
    static int atLeast(String name, int value, int low) {
        if (value < low) {
            throw new IllegalArgumentException(name + " must be at least " + low + ", but was " + value);
        }
        return value;
    }
}
