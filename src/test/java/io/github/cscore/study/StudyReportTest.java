package io.github.cscore.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.AlertEvent;
import io.github.cscore.result.CheckpointResult;
import io.github.cscore.result.Severity;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Results;
import io.github.cscore.timeline.Timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The summary's CSV rows and Markdown tables, on two runs written by hand. */
class StudyReportTest {

    private static List<CheckpointResult> checkpoints(String run, double[] auc, double[] score) {
        List<CheckpointResult> list = new ArrayList<>();
        for (int i = 0; i < auc.length; i++) {
            list.add(Results.classes(List.of("NORMAL", "PNEUMONIA"), new int[] {8, 8}, new double[] {auc[i], auc[i]})
                    .scored(Technique.SCORE_CAM, new double[] {score[i], score[i] - 0.3}, new int[] {0, i == 1 ? 6 : 0})
                    .epoch(i + 1)
                    .build(run));
        }
        return list;
    }

    private static StudyTimeline run(String scenario, double[] auc, double[] score, int alertEpoch) {
        String id = "resnet50v2-phantoms-" + scenario + "-s1";
        AlertEvent alert = new AlertEvent("CScoreRelativeDrop", Severity.WARNING, AlertEvent.State.FIRING, id, "m",
                alertEpoch, "scorecam", "PNEUMONIA", 0.1, 0.2, "test");
        return new StudyTimeline(id, "resnet50v2", "phantoms", scenario, 1,
                new Timeline(Path.of(id), checkpoints(id, auc, score), List.of(alert), 0), Map.of(), 100);
    }

    private final StudyReport report = new StudyReport(WarningCriteria.ofDefaults(), 0.9f, List.of(
            run("collapse", new double[] {0.8, 0.95, 0.94, 0.6}, new double[] {0.6, 0.6, 0.6, 0.6}, 2),
            run("healthy", new double[] {0.8, 0.9, 0.95, 0.96}, new double[] {0.6, 0.6, 0.6, 0.6}, 3)),
            List.of("settings line"));

    @Test
    void theCsvHasOneRowPerRunSignalAndCriterion() {
        List<String> lines = report.csv().lines().toList();

        // Per run: scorecam and any, by alert and by C-Score drop; the collapse run also by new alert.
        assertEquals(1 + 2 * 4 + 2, lines.size(), report.csv());
        assertTrue(lines.contains("resnet50v2-phantoms-collapse-s1,resnet50v2,phantoms,collapse,1,scorecam,new-alert,4,"
                + "2,2,CScoreRelativeDrop,early,false,false"), report.csv());
        assertTrue(lines.contains("resnet50v2-phantoms-collapse-s1,resnet50v2,phantoms,collapse,1,scorecam,alert,4,2,2,"
                + "CScoreRelativeDrop,early,false,false"), report.csv());
        assertTrue(lines.contains("resnet50v2-phantoms-healthy-s1,resnet50v2,phantoms,healthy,1,scorecam,alert,,3,,"
                + "CScoreRelativeDrop,warned,false,true"), report.csv());
    }

    @Test
    void theMarkdownCountsLeadTimesAndFalseAlarms(@TempDir Path folder) throws Exception {
        report.write(folder);
        String markdown = Files.readString(folder.resolve(StudyReport.MARKDOWN));

        assertTrue(markdown.contains("| collapse | scorecam | 1 | 1 | 1 | 0 | 0 | 0 | [2] | 2.0 | 1 of 1 |"), markdown);
        // The C-Score never moved: every C-Score-drop signal missed the drop and stayed quiet in the healthy run.
        assertTrue(markdown.contains("| collapse | scorecam | 1 | 1 | 0 | 0 | 0 | 1 | - | - | 0 of 1 |"), markdown);
        // ScoreCAM's classes differ by 0.3 at every checkpoint of both runs.
        assertTrue(markdown.contains("| scorecam | 8 | 8 | 0.30 ("), markdown);
        // Peak AUC: epoch 2 of the collapse run (6 flat of 16), epoch 4 of the healthy one (none).
        assertTrue(markdown.contains("| scorecam | 6 | 32 | 0.19 | 0 |"), markdown);
        assertTrue(Files.readString(folder.resolve(StudyReport.CSV)).equals(report.csv()));
    }
    @Test
    void aFullDiskKeepsThePreviousSummary(@TempDir Path folder) throws Exception {
        try (io.github.cscore.testing.SmallDisk disk = io.github.cscore.testing.SmallDisk.mount(folder.resolve("disk"),
                256 * 1024)) {
            report.write(disk.root());
            java.util.Map<String, String> before = io.github.cscore.testing.FileTree.of(disk.root());
            disk.fill(0);

            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> report.write(disk.root()));

            assertEquals(before, io.github.cscore.testing.FileTree.of(disk.root()), "the previous summary, whole");
        }
    }
}
