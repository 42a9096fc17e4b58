package io.github.cscore.alert;

/**
 * A condition a detector found true at the latest checkpoint.
 *
 * @param technique the technique label it concerns, or empty
 * @param className the class it concerns, or empty
 * @param value the observed value
 * @param threshold the threshold it crossed
 * @param message one line for a person, in numbers
 */
public record Finding(String technique, String className, double value, double threshold, String message) {

    /**
     * Checks the components; null technique or class become empty strings.
     *
     * @param technique the technique label, or empty
     * @param className the class, or empty
     * @param value the observed value
     * @param threshold the threshold
     * @param message one line, not null
     */
    public Finding {
        technique = technique == null ? "" : technique;
        className = className == null ? "" : className;
        java.util.Objects.requireNonNull(message, "message");
    }
}
