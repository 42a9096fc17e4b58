package io.github.cscore.result;

import java.util.Locale;

/** How urgently an alert needs a person: the {@code severity} label of the Prometheus rules too. */
public enum Severity {
    /** Worth a look on the dashboard; nobody is paged. */
    INFO,
    /** Needs a person during working hours. */
    WARNING,
    /** Needs a person now: the run is producing nothing trustworthy. */
    CRITICAL;

    /**
     * Returns the lower-case label used in files, metrics and Alertmanager routes.
     *
     * @return {@code info}, {@code warning} or {@code critical}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a severity by its label.
     *
     * @param label {@code info}, {@code warning} or {@code critical}
     * @return the severity
     * @throws IllegalArgumentException for any other label
     */
    public static Severity fromLabel(String label) {
        for (Severity severity : values()) {
            if (severity.label().equals(label)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + label + "', expected info, warning or critical");
    }
}
