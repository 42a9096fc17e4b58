package io.github.cscore.score;

import java.util.List;
import java.util.Objects;

/**
 * The global C-Score of one technique at one checkpoint: three aggregates over the classes with
 * a defined score.
 *
 * <p>The three can disagree, and that is the point: a large class with consistent explanations
 * keeps {@code macro} and above all {@code weighted} high while {@code worst} shows the one class
 * whose explanations fell apart.
 *
 * @param macro the mean over defined classes
 * @param weighted the mean over defined classes weighted by gold-list size
 * @param worst the lowest score of a defined class
 * @param worstClass the class with the lowest score (the lowest index among ties), or -1
 * @param definedClasses how many classes have a defined score
 */
public record GlobalScore(
        double macro, double weighted, double worst, int worstClass, int definedClasses) {

    /**
     * Aggregates class scores; undefined classes are left out. When no class is defined every
     * aggregate is NaN and {@code worstClass} is -1.
     *
     * @param classes the per-class scores of one technique
     * @return the aggregates
     */
    public static GlobalScore of(List<ClassScore> classes) {
        Objects.requireNonNull(classes, "classes");
        double sum = 0;
        double weightedSum = 0;
        long gold = 0;
        double worst = Double.NaN;
        int worstClass = -1;
        int defined = 0;
        for (ClassScore c : classes) {
            if (!Objects.requireNonNull(c, "class consistency").isDefined()) {
                continue;
            }
            defined++;
            sum += c.score();
            weightedSum += c.score() * c.goldSize();
            gold += c.goldSize();
            if (worstClass < 0 || c.score() < worst
                    || (c.score() == worst && c.classIndex() < worstClass)) {
                worst = c.score();
                worstClass = c.classIndex();
            }
        }
        if (defined == 0) {
            return new GlobalScore(Double.NaN, Double.NaN, Double.NaN, -1, 0);
        }
        return new GlobalScore(sum / defined, weightedSum / gold, worst, worstClass, defined);
    }
}
