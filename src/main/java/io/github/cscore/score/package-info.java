/**
 * The C-Score and its parts on plain {@code float[]} maps: gold lists, intensity emphasis, the
 * pairwise soft-IoU kernel, confidence weighting, global aggregates, and ROC AUC. Nothing here
 * depends on DJL.
 *
 * <p>Entry points: {@link io.github.cscore.score.CScore} (configured by {@link
 * io.github.cscore.score.CScoreConfig}) scores one class and returns a {@link
 * io.github.cscore.score.ClassScore}; {@link io.github.cscore.score.GlobalScore}
 * aggregates classes; {@link io.github.cscore.score.GoldList} selects the instances to compare;
 * {@link io.github.cscore.score.ClassificationSummary} gives accuracy and AUC. The definition,
 * with a worked example, is in {@code docs/cscore.md}.
 */
package io.github.cscore.score;
