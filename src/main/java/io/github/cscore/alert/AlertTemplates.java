package io.github.cscore.alert;

/**
 * Pieces of the Prometheus annotation templates the rules' summaries and descriptions share: who
 * the alert is about and its value. Templates use only {@code {{ $labels.<name> }}} and {@code {{
 * $value | printf "%.<n>f" }}}, which the scenario tests expand as Prometheus does.
 */
public final class AlertTemplates {

    /** The run and model of the alert's series. */
    public static final String WHO = "run {{ $labels.run }} ({{ $labels.model }})";
    /** The alert's value, two decimals. */
    public static final String VALUE = "{{ $value | printf \"%.2f\" }}";
    /** The alert's value as a whole number, for counts (images, techniques). */
    public static final String COUNT = "{{ $value | printf \"%.0f\" }}";
    /** The alert's value, three decimals: two would round many slopes to a tie. */
    public static final String SLOPE = "{{ $value | printf \"%.3f\" }}";
    /** The technique and class of the alert's series. */
    public static final String CELL = "{{ $labels.technique }} / class {{ $labels.class }}";

    private AlertTemplates() {}
}
