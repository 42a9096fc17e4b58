package io.github.cscore.engine;

/**
 * One comparison of an array the engine computed with the value it should have had.
 *
 * @param what what was compared, in words
 * @param error the disagreement; +infinity for a NaN or a length mismatch
 */
record ConvolutionFinding(String what, double error) {

    /**
     * Compares element by element, relative to each expected value plus one: max |a - e| / (1 +
     * |e|). Suits values of order one, such as a convolution of Gaussian data.
     */
    static ConvolutionFinding elementwise(String what, float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return new ConvolutionFinding(what, Double.POSITIVE_INFINITY);
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, disagreement(actual[i], expected[i]) / (1 + Math.abs(expected[i])));
        }
        return new ConvolutionFinding(what, worst);
    }

    /**
     * Compares relative to the expected array's largest magnitude: max |a - e| / max |e|. Suits
     * network activations and gradients, whose scale can be anything.
     */
    static ConvolutionFinding scaled(String what, float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return new ConvolutionFinding(what, Double.POSITIVE_INFINITY);
        }
        double worst = 0;
        double scale = Float.MIN_NORMAL;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, disagreement(actual[i], expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return new ConvolutionFinding(what, worst / scale);
    }

    private static double disagreement(float actual, float expected) {
        double difference = Math.abs((double) actual - expected);
        return Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
    }

    /** The larger of two findings; this one on a tie. */
    ConvolutionFinding worse(ConvolutionFinding other) {
        return other.error > error ? other : this;
    }

    @Override
    public String toString() {
        return String.format("%s: error %.3g", what, error);
    }
}
