package io.github.cscore.bench;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The Markdown tables of {@link EngineReach}, from the arrays each child recorded. */
final class ReachTables {

    /** Relative error above which a parameter gradient counts as wrong. */
    private static final double WRONG = 1e-2;
    /** Parameters whose gradient norm is below this share of the largest are left out (relative error is noise there). */
    private static final double NEGLIGIBLE = 1e-3;

    private final Map<String, Map<String, float[]>> results;
    private final int repetitions;
    private final int images;

    private ReachTables(Map<String, Map<String, float[]>> results, int repetitions, int images) {
        this.results = results;
        this.repetitions = repetitions;
        this.images = images;
    }

    static void print(Map<String, Map<String, float[]>> results, int repetitions, int images) {
        ReachTables tables = new ReachTables(results, repetitions, images);
        tables.printTraining();
        tables.printMonitor();
    }

    private void printTraining() {
        System.out.println("| architecture | cap | steps with a wrong parameter gradient | worst parameter: relative L2 error"
                + " | all parameters: relative L2 error |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String architecture : names("train|", 1)) {
            for (String cap : results.keySet()) {
                System.out.println(trainingRow(architecture, cap));
            }
        }
        System.out.println();
    }

    private String trainingRow(String architecture, String cap) {
        Map<String, float[]> reference = results.get("SSE41");
        Map<String, float[]> values = results.get(cap);
        String prefix0 = "train|" + architecture + "|0|";
        double largest = reference.entrySet().stream().filter(e -> e.getKey().startsWith(prefix0))
                .mapToDouble(e -> norm(e.getValue())).max().orElse(0);
        int wrongSteps = 0;
        double worst = 0;
        double worstGlobal = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            double stepWorst = 0;
            double difference = 0;
            double total = 0;
            for (Map.Entry<String, float[]> entry : reference.entrySet()) {
                if (!entry.getKey().startsWith(prefix0)) {
                    continue;
                }
                float[] expected = entry.getValue();
                float[] actual = values.get(entry.getKey().replace(prefix0, "train|" + architecture + "|" + rep + "|"));
                double error = distance(actual, expected);
                difference += error * error;
                total += Math.pow(norm(expected), 2);
                if (norm(expected) >= NEGLIGIBLE * largest) {
                    stepWorst = Math.max(stepWorst, error / norm(expected));
                }
            }
            wrongSteps += stepWorst > WRONG ? 1 : 0;
            worst = Math.max(worst, stepWorst);
            worstGlobal = Math.max(worstGlobal, Math.sqrt(difference / total));
        }
        return String.format("| %s | %s | %d of %d | %.2g | %.2g |", architecture, cap, wrongSteps, repetitions,
                worst, worstGlobal);
    }

    private void printMonitor() {
        System.out.println("| architecture | what | no cap: batch vs alone | no cap alone vs SSE41 alone"
                + " | AVX: batch vs alone | SSE41: batch vs alone |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String architecture : names("cam|", 1)) {
            for (String what : names("cam|" + architecture + "|single|", 3)) {
                System.out.printf("| %s | %s | %s | %s | %s | %s |%n", architecture, what,
                        batchVsAlone(BenchChild.NONE, architecture, what),
                        format(worst(BenchChild.NONE, "single", "SSE41", "single", architecture, what)),
                        batchVsAlone("AVX", architecture, what), batchVsAlone("SSE41", architecture, what));
            }
        }
    }

    private String batchVsAlone(String cap, String architecture, String what) {
        double worst = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            worst = Math.max(worst, worst(cap, Integer.toString(rep), cap, "single", architecture, what));
        }
        return format(worst);
    }

    /**
     * Maps are in [0, 1] and compared by their largest absolute difference; logits and gradients
     * relative to the reference's largest magnitude.
     */
    private double worst(String cap, String run, String referenceCap, String referenceRun, String architecture,
            String what) {
        double worst = 0;
        boolean isMap = !what.equals("logits") && !what.startsWith("gradient:");
        for (int i = 0; i < images; i++) {
            float[] actual = results.get(cap).get("cam|" + architecture + "|" + run + "|" + what + "|" + i);
            float[] expected = results.get(referenceCap).get("cam|" + architecture + "|" + referenceRun + "|" + what + "|" + i);
            double scale = isMap ? 1 : Math.max(maxAbs(expected), Float.MIN_NORMAL);
            worst = Math.max(worst, maxDifference(actual, expected) / scale);
        }
        return worst;
    }

    private Set<String> names(String prefix, int field) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : results.get("SSE41").keySet()) {
            if (key.startsWith(prefix)) {
                names.add(key.split("\\|")[field]);
            }
        }
        return names;
    }

    private static String format(double value) {
        return Double.isInfinite(value) ? "NaN" : String.format("%.2g", value);
    }

    private static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = Math.abs((double) a[i] - b[i]);
            worst = Math.max(worst, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference);
        }
        return worst;
    }

    private static double maxAbs(float[] values) {
        double worst = 0;
        for (float value : values) {
            worst = Math.max(worst, Math.abs(value));
        }
        return worst;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.pow((double) a[i] - b[i], 2);
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : Math.sqrt(sum);
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
