package io.github.cscore.export;

import io.github.cscore.metric.CScoreMeters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Label values made safe for Prometheus, dashboards and alert routes: letters, digits and {@code
 * _ . : / + -} are kept, any other character (spaces, quotes, braces, control characters) becomes
 * {@code _}, and values are cut at {@value #MAX_LENGTH} characters.
 */
final class LabelValues {

    /** Longest label value exported. */
    static final int MAX_LENGTH = 64;

    private LabelValues() {}

    /**
     * Sanitises one value.
     *
     * @param raw the value, e.g. a class name
     * @return the safe value; {@code _} for an empty one
     */
    static String sanitise(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && out.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_.:/+-".indexOf(c) >= 0;
            out.append(kept ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    /**
     * Sanitises class names into distinct labels: a name that sanitises to one already taken, or
     * to {@code macro} (the AUC's mean), gets {@code _<index>} appended.
     *
     * @param names the class names, in class order
     * @return one distinct label per class
     */
    static List<String> classLabels(List<String> names) {
        List<String> labels = new ArrayList<>(names.size());
        Set<String> taken = new HashSet<>();
        taken.add(CScoreMeters.MACRO);
        for (int i = 0; i < names.size(); i++) {
            String label = sanitise(names.get(i));
            if (!taken.add(label)) {
                label = label + "_" + i;
                taken.add(label);
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }
}
