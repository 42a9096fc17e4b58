package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.cscore.alert.BuiltInRules;
import io.github.cscore.alert.CheckpointDegenerate;
import io.github.cscore.alert.PrometheusRules;
import io.github.cscore.result.Technique;
import io.github.cscore.testing.Chromium;
import io.github.cscore.testing.Service;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

/**
 * The whole stack for real: Debian's Prometheus (rules rendered for this test's checkpoint
 * period), Alertmanager and Pushgateway on loopback ports, five exporters of short real trainings
 * (four scraped, one pushing), one of which collapses with a blown-up learning rate. Through the
 * HTTP APIs: every dashboard query and recording rule returned data (the early-warning panels
 * measured values of every technique and class), the expected alert reached Alertmanager with its
 * run, the live scrapes are lint-clean, the runs do not clash, and every panel draws in Chromium.
 */
class MonitoringStackIT {

    /** About one checkpoint per epoch of these trainings on two loaded cores. */
    private static final Duration PERIOD = Duration.ofSeconds(4);
    private static final List<String> PULLED = List.of("collapse", "steady-1", "steady-2", "steady-3");
    private static final String PUSHED = "pushed";
    private static final Path REPORT = Tools.projectRoot().resolve("target/monitoring-it");

    @TempDir
    Path dir;

    private final List<Service> services = new ArrayList<>();
    private final List<TrainingRun> runs = new ArrayList<>();
    private final List<Map<String, String>> alertsSeen = new CopyOnWriteArrayList<>();
    private volatile boolean watching = true;

    @Test
    void prometheusAlertmanagerAndPushgatewaySeeWhatTheExportersExpose() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        try {
            Service gateway = startPushgateway();
            Service alertmanager = startAlertmanager();
            startRuns(gateway);
            Service prometheus = startPrometheus(promtool, alertmanager);
            Thread watcher = watch(alertmanager);
            runs.get(0).train(3, 3, 1e20f);
            for (TrainingRun run : runs.subList(1, runs.size())) {
                run.train(5, 0, 0);
            }
            runs.get(runs.size() - 1).exporter.close(); // the pushing run ends: a final push
            awaitFinalEpochs(prometheus);
            assertAlertReachedAlertmanager();
            watching = false;
            watcher.join(5000);
            assertEveryDashboardQueryAndRecordingRuleReturnedData(prometheus);
            assertEarlyWarningPanelsShowEveryTechniqueAndClass(prometheus);
            assertRunsAreSeparate(prometheus);
            assertLiveScrapesAreLintClean(promtool);
            assertFinishedRunsAreInactive(prometheus);
            assertEveryPanelDrawsInABrowser(prometheus);
        } finally {
            watching = false;
            for (TrainingRun run : runs) {
                run.close();
            }
            for (Service service : services) {
                service.close();
            }
        }
    }

    private Service startPushgateway() throws Exception {
        int port = Service.freePort();
        Service gateway = Service.start("pushgateway", Tools.require("prometheus-pushgateway", "prometheus-pushgateway"),
                port, "/-/ready", dir, List.of("--web.listen-address=127.0.0.1:" + port));
        services.add(gateway);
        return gateway;
    }

    private Service startAlertmanager() throws Exception {
        int port = Service.freePort();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: 'null'\n  group_wait: 1s\nreceivers:\n  - name: 'null'\n");
        Service alertmanager = Service.start("alertmanager",
                Tools.require("prometheus-alertmanager", "prometheus-alertmanager"), port, "/-/ready", dir,
                List.of("--config.file=" + config, "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
        services.add(alertmanager);
        return alertmanager;
    }

    /** Builds every run's monitor and exporter and starts the exporters, so their ports are known. */
    private void startRuns(Service gateway) {
        int seed = 3;
        for (String name : PULLED) {
            runs.add(new TrainingRun(name, seed++, CScoreExporter.builder().optPort(0)
                    .optGracePeriod(Duration.ofSeconds(3))));
        }
        runs.add(new TrainingRun(PUSHED, seed, CScoreExporter.builder().optNoServer()
                .optPushgateway(URI.create(gateway.url(""))).optPushJob("cscore-push")));
        runs.forEach(run -> run.exporter.start(run.monitor));
    }

    private Service startPrometheus(Path promtool, Service alertmanager) throws Exception {
        Files.writeString(dir.resolve("cscore.rules.yml"),
                PrometheusRules.render(BuiltInRules.ofDefaults(), PERIOD, "cscore", PrometheusRules.DEFAULT_RUNBOOK));
        String targets = runs.stream().filter(r -> !r.run.equals(PUSHED))
                .map(r -> "'127.0.0.1:" + r.exporter.port() + "'").collect(Collectors.joining(", "));
        String pushgateway = services.get(0).url("").substring("http://".length());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "rule_files: [cscore.rules.yml]\n"
                + "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:" + alertmanager.port()
                + "']\n"
                + "scrape_configs:\n  - job_name: cscore\n    static_configs:\n      - targets: [" + targets + "]\n"
                + "  - job_name: pushgateway\n    honor_labels: true\n    static_configs:\n      - targets: ['"
                + pushgateway + "']\n");
        Tools.Result check = Tools.run(dir, 60, Tools.command(promtool, "check", "config", config.toString()));
        assertEquals(0, check.exitCode(), check.output());
        int port = Service.freePort();
        Service prometheus = Service.start("prometheus", Tools.require("prometheus", "prometheus"), port, "/-/ready", dir,
                List.of("--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port));
        services.add(prometheus);
        return prometheus;
    }

    /** Records every alert Alertmanager holds, twice a second, until the test has what it needs. */
    private Thread watch(Service alertmanager) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (watching && System.nanoTime() < deadline) {
                try {
                    alertsSeen.addAll(PrometheusApi.alerts(alertmanager.url("")));
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // Alertmanager busy for a moment: try again
                }
            }
        }, "alertmanager-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private void awaitFinalEpochs(Service prometheus) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, String>> epochs = PrometheusApi.query(prometheus.url(""), "cscore_epoch");
            Set<String> finished = epochs.stream()
                    .filter(e -> Double.parseDouble(e.get("__value__")) >= (e.get("run").equals("collapse") ? 6 : 5))
                    .map(e -> e.get("run")).collect(Collectors.toSet());
            if (finished.size() == runs.size()) {
                Thread.sleep(3000); // a few more evaluations of the rules
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus did not see every run's last epoch in 60 s: "
                + PrometheusApi.query(prometheus.url(""), "cscore_epoch") + "\n" + prometheus.log());
    }

    private void assertAlertReachedAlertmanager() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !degenerateSeen()) {
            Thread.sleep(500);
        }
        assertTrue(degenerateSeen(), "no " + CheckpointDegenerate.NAME + " for run collapse reached Alertmanager; seen: "
                + alertsSeen.stream().map(a -> a.get("alertname") + "/" + a.get("run")).distinct().toList());
    }

    private boolean degenerateSeen() {
        return alertsSeen.stream().anyMatch(a -> CheckpointDegenerate.NAME.equals(a.get("alertname"))
                && "collapse".equals(a.get("run")) && "warning".equals(a.get("severity"))
                && "small-cnn".equals(a.get("model")));
    }

    private void assertEveryDashboardQueryAndRecordingRuleReturnedData(Service prometheus) throws Exception {
        List<String> queries = new ArrayList<>(DashboardQueries.all(".*"));
        String rules = Files.readString(dir.resolve("cscore.rules.yml"));
        java.util.regex.Matcher records = java.util.regex.Pattern.compile("- record: (\\S+)").matcher(rules);
        while (records.find()) {
            queries.add(records.group(1));
        }
        List<String> empty = new ArrayList<>();
        for (String query : queries) {
            if (PrometheusApi.query(prometheus.url(""), "count_over_time((" + query + ")[10m:1s])").isEmpty()) {
                empty.add(query);
            }
        }
        assertEquals(List.of(), empty, "queries that never returned data during the runs");
    }

    /**
     * Each panel of the early-warning row showed measured values of every technique and class the
     * runs scored, not only the NaN a signal has before it can be measured (the drift at a run's
     * first checkpoint), which counts as data above but draws nothing.
     */
    private void assertEarlyWarningPanelsShowEveryTechniqueAndClass(Service prometheus) throws Exception {
        Set<String> techniques = TrainingRun.TECHNIQUES.stream().map(Technique::label).collect(Collectors.toSet());
        Set<String> classes = Set.copyOf(TrainingRun.CLASSES);
        for (JsonNode panel : DashboardQueries.rowPanels(DashboardQueries.EARLY_WARNING_ROW)) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                if (expr.contains("phase=")) {
                    continue; // the fine-tuning shading, not a signal: it returned data above
                }
                String measured = "count by (technique, class) (count_over_time(((" + DashboardQueries.substitute(expr,
                        ".*", ".*", ".*") + ") >= 0)[10m:1s]))";
                List<Map<String, String>> series = PrometheusApi.query(prometheus.url(""), measured);
                String query = panel.path("title").asText() + " / " + target.path("refId").asText();
                assertEquals(classes, series.stream().map(s -> s.get("class")).collect(Collectors.toSet()), query);
                if (expr.contains("technique=")) {
                    assertEquals(techniques, series.stream().map(s -> s.get("technique")).collect(Collectors.toSet()),
                            query);
                }
            }
        }
    }

    private void assertRunsAreSeparate(Service prometheus) throws Exception {
        String base = prometheus.url("");
        assertEquals(List.of(), PrometheusApi.query(base, "count by (__name__, run, model, technique, class, aggregation,"
                + " phase, reason, reference, rule, sink) ({__name__=~\"cscore_.*\"}) > 1"),
                "two targets export the same series");
        Map<String, Integer> perRun = new TreeMap<>();
        for (Map<String, String> row : PrometheusApi.query(base, "count by (run) ({__name__=~\"cscore_.*\"})")) {
            perRun.put(row.get("run"), (int) Double.parseDouble(row.get("__value__")));
        }
        Files.createDirectories(REPORT);
        StringBuilder report = new StringBuilder(perRun + "\n");
        for (Map<String, String> row : PrometheusApi.query(base, "count by (run, __name__) ({__name__=~\"cscore_.*\"})")) {
            report.append(row.get("run")).append(' ').append(row.get("__name__")).append(' ').append(row.get("__value__"))
                    .append('\n');
        }
        Files.writeString(REPORT.resolve("series-per-run.txt"), report);
        assertEquals(Set.of("collapse", "steady-1", "steady-2", "steady-3", PUSHED), perRun.keySet());
        for (String run : perRun.keySet()) {
            for (String query : DashboardQueries.filteredBy(run)) {
                for (Map<String, String> series : PrometheusApi.query(base, query)) {
                    assertTrue(!series.containsKey("run") || series.get("run").equals(run),
                            "$run=" + run + " lets " + series + " through in " + query);
                }
            }
            assertFalse(PrometheusApi.query(base, DashboardQueries.substitute(
                    "cscore_epoch{run=~\"$run\"}", run, ".*", ".*")).isEmpty(), run);
        }
    }

    private void assertLiveScrapesAreLintClean(Path promtool) throws Exception {
        for (TrainingRun run : runs.subList(0, PULLED.size())) {
            String scrape = PrometheusApi.text("http://127.0.0.1:" + run.exporter.port() + "/metrics");
            assertFalse(scrape.contains("resilience4j_"), "Resilience4j's meters are exported only when asked for");
            Tools.Result lint = Tools.pipe(scrape, 60, Tools.command(promtool, "check", "metrics"));
            assertEquals(0, lint.exitCode(), run.run + ": " + lint.output());
            assertEquals("", lint.output().strip(), run.run);
        }
    }

    /**
     * Grafana cannot be installed here: {@link DashboardPreview} runs every panel's queries against
     * this Prometheus, after every run ended, and Chromium draws them; every panel shows data (the
     * run-state and worst-class panels too, which read each run's last values) and is inked in the
     * screenshot. With {@code -Dcscore.dashboard.screenshot=docs/images/dashboard.png} the
     * screenshot is also written there, for the docs.
     */
    private void assertEveryPanelDrawsInABrowser(Service prometheus) throws Exception {
        assumeTrue(Chromium.isInstalled(), "assumes Debian's chromium at " + Chromium.EXECUTABLE);
        Path html = DashboardPreview.write(prometheus.url(""), Duration.ofMinutes(4), REPORT.resolve("dashboard.html"));
        Chromium chromium = new Chromium(Files.createDirectories(dir.resolve("chromium-profile")));
        String dom = chromium.dumpDom(html, 1600, 1400);
        java.util.regex.Matcher layout = java.util.regex.Pattern.compile("<body[^>]*data-layout=\"([^\"]*)\"").matcher(dom);
        assertTrue(layout.find(), "the preview's script ran to its end");
        JsonNode panels = new ObjectMapper().readTree(layout.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        int height = 0;
        for (JsonNode panel : panels) {
            assertTrue(panel.path("drawn").asInt() > 0, "panel '" + panel.path("title").asText() + "' has no data");
            height = Math.max(height, panel.path("y").asInt() + panel.path("h").asInt());
        }
        int rows = 0;
        for (JsonNode panel : DashboardQueries.dashboard().path("panels")) {
            rows += panel.path("type").asText().equals("row") ? 1 : 0;
        }
        assertEquals(DashboardQueries.dashboard().path("panels").size() - rows, panels.size(), "every panel but the rows");
        Path png = REPORT.resolve("dashboard.png");
        chromium.screenshot(html, png, 1600, height + 20);
        BufferedImage screenshot = ImageIO.read(png.toFile());
        for (JsonNode panel : panels) {
            assertTrue(inked(screenshot, panel) > 0.02, "panel '" + panel.path("title").asText() + "' is blank");
        }
        String docs = System.getProperty("cscore.dashboard.screenshot");
        if (docs != null) {
            Chromium.shrink(png, Tools.projectRoot().resolve(docs), 300_000);
        }
    }

    /** Share of a panel's pixels that are not (near) white. */
    private static double inked(BufferedImage image, JsonNode panel) {
        long inked = 0;
        long total = 0;
        int top = panel.path("y").asInt();
        int left = panel.path("x").asInt();
        int bottom = Math.min(top + panel.path("h").asInt(), image.getHeight());
        int right = Math.min(left + panel.path("w").asInt(), image.getWidth());
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                int rgb = image.getRGB(x, y);
                double luminance = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                inked += luminance < 235 ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? 0 : (double) inked / total;
    }

    private void assertFinishedRunsAreInactive(Service prometheus) throws Exception {
        String query = "cscore_training_active != 0";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !PrometheusApi.query(prometheus.url(""), query).isEmpty()) {
            Thread.sleep(500);
        }
        assertEquals(List.of(), PrometheusApi.query(prometheus.url(""), query), "runs still active after training");
        assertEquals(runs.size(), PrometheusApi.query(prometheus.url(""), "cscore_training_active == 0").size());
    }
}
