package io.github.cscore.cli;

import io.github.cscore.report.HtmlReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cscore report}: the HTML report of a run, from its timeline. */
@Command(
        name = "report",
        header = "Writes the HTML report of a timeline.",
        mixinStandardHelpOptions = true,
        description = {
            "Writes report.html, one self-contained page readable offline: C-Score per technique against",
            "epoch with AUC and the transfer/fine-tune boundary, per-class curves, gold-list sizes, alerts,",
            "and CAM overlays of the example images when the run kept them (<timeline>-maps beside it)."
        })
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TIMELINE", description = "The run's timeline (.jsonl).")
    Path timeline;

    @Option(names = "--out", description = "Folder to write report.html into (default: the timeline's folder).")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(timeline)) {
            throw new NoSuchFileException(timeline.toString(), null, Files.isDirectory(timeline)
                    ? "a folder, not a timeline file" : Files.exists(timeline)
                    ? "not a regular file (a device or a pipe?)" : "no such timeline file");
        }
        Path folder = out != null ? out : timeline.toAbsolutePath().getParent();
        HtmlReport report = HtmlReport.of(timeline);
        Path html = report.writeTo(folder);
        PrintWriter printer = spec.commandLine().getOut();
        String maps = report.exampleMapsNote();
        printer.println("wrote " + html + (maps.isEmpty() ? "" : " (" + maps + ")"));
        printer.flush();
        return 0;
    }
}
