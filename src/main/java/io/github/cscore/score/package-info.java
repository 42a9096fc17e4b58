/**
 * The C-Score and its parts on plain {@code float[]} maps: gold lists, intensity emphasis, the
 * pairwise soft-IoU kernel, confidence weighting, global aggregates, and ROC AUC. Nothing here
 * depends on DJL.
 */
package io.github.cscore.score;
