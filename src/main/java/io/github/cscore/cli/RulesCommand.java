package io.github.cscore.cli;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.PrometheusContext;
import io.github.cscore.alert.PrometheusRules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cscore rules}: the Prometheus rule file for one's own checkpoint period, scrape job and
 * links, rendered from the rules the in-process engine runs, so both fire at the same checkpoints.
 */
@Command(
        name = "rules",
        header = "Writes the Prometheus alert rules for your checkpoint period, job and links.",
        mixinStandardHelpOptions = true,
        description = {
            "Renders the Prometheus recording and alerting rules from the same rules and thresholds the in-process "
                    + "alert engine runs (docs/alerts.md): windows and persistence are counted in checkpoints and "
                    + "turned into time with --period, the time between two checkpoints of your runs. With the "
                    + "defaults it writes alert-rules/cscore.rules.yml as committed. Check the result with "
                    + "'promtool check rules' and the shipped tests with 'promtool test rules alert-rules/tests/*.yml'.",
            "",
            // URLs too long for the options' column, each on a line of its own, where no wrap can break them.
            "Alerts link to this runbook unless --runbook-base names another:",
            "  " + PrometheusRules.DEFAULT_RUNBOOK,
            "and to this dashboard unless --dashboard-url names another:",
            "  " + PrometheusRules.DEFAULT_DASHBOARD
        })
final class RulesCommand implements Callable<Integer>, OptionNames.Source {

    @Option(names = "--period", paramLabel = "DURATION", description = "Time between two checkpoints, in Prometheus "
            + "notation such as 30s, 5m or 1h30m (default: ${DEFAULT-VALUE}).")
    String period = PrometheusContext.duration(PrometheusRules.DEFAULT_PERIOD);

    @Option(names = "--job", paramLabel = "NAME", description = "Scrape job of the exporters (default: ${DEFAULT-VALUE}).")
    String job = PrometheusRules.DEFAULT_JOB;

    @Option(names = "--runbook-base", paramLabel = "URL", description = "Absolute URL of your copy of docs/alerts.md; "
            + "each alert links to <URL>#<rule in lower case> (default: the runbook named above).")
    String runbook = PrometheusRules.DEFAULT_RUNBOOK;

    @Option(names = "--dashboard-url", paramLabel = "URL", description = "Absolute URL of the Grafana dashboard "
            + "(dashboards/cscore-overview.json); an alert about a run adds var-run and var-model (default: "
            + "the dashboard named above).")
    String dashboard = PrometheusRules.DEFAULT_DASHBOARD;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write (default: standard output).")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String yaml = PrometheusRules.render(AlertEngine.ofDefaults().rules(),
                PrometheusContext.parseDuration("period", period), job, link("runbook", runbook),
                link("dashboard", dashboard));
        PrintWriter printer = spec.commandLine().getOut();
        if (out == null) {
            printer.print(yaml);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
            printer.println("wrote " + out + " (checkpoint period " + period + ", job " + job + ")");
        }
        printer.flush();
        return 0;
    }

    private static URI link(String name, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, but was '" + text + "'", e);
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("period", "--period", "job", "--job", "runbook", "--runbook-base", "dashboard", "--dashboard-url");
    }
}
