/**
 * The HTML report of a run: one self-contained page, readable offline, drawn from a timeline
 * ({@link io.github.cscore.report.HtmlReport}): C-Scores per technique against epoch with the AUC
 * and the transfer/fine-tune boundary, per-class curves, gold-list sizes, alerts, and a montage of
 * CAM overlays of the fixed example images when the run kept them.
 */
package io.github.cscore.report;
