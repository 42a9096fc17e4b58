package io.github.cscore.score;

/**
 * The softmax, in double precision: a confident row does not round to exactly 1 and 0, and large
 * scores do not overflow (the row maximum is subtracted first).
 */
public final class Softmax {

    private Softmax() {}

    /**
     * Returns the softmax of one row of scores.
     *
     * @param scores the scores (logits), at least one, all finite
     * @return probabilities summing to 1
     */
    public static float[] of(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float score : scores) {
            max = Math.max(max, score);
        }
        double[] exp = new double[scores.length];
        double sum = 0;
        for (int k = 0; k < exp.length; k++) {
            exp[k] = Math.exp(scores[k] - max);
            sum += exp[k];
        }
        float[] probabilities = new float[exp.length];
        for (int k = 0; k < exp.length; k++) {
            probabilities[k] = (float) (exp[k] / sum);
        }
        return probabilities;
    }

    /**
     * Returns the softmax of every row.
     *
     * @param logits one row of logits per instance
     * @return one row of probabilities per instance
     */
    public static float[][] rows(float[][] logits) {
        float[][] probabilities = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = of(logits[i]);
        }
        return probabilities;
    }
}
