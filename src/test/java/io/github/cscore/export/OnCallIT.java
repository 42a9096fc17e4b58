package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.github.cscore.alert.AlertEngine;
import io.github.cscore.alert.ExporterAbsent;
import io.github.cscore.alert.PrometheusRules;
import io.github.cscore.alert.Watchdog;
import io.github.cscore.testing.Service;
import io.github.cscore.testing.Tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The on-call path for real: Debian's Prometheus (scraping every second, the rules rendered for a
 * 4 s checkpoint period) and Alertmanager running the shipped example configuration, whose
 * receivers point at a webhook of this test. Two training runs in processes of their own serve
 * /metrics on the same port one after the other: the first ends normally and pages nobody; while
 * the second trains, a client holds a half-open connection to its /metrics and Prometheus keeps
 * scraping it; then the second is killed (SIGKILL) and pages, once, naming its run. The watchdog
 * reaches the heartbeat receiver throughout.
 */
class OnCallIT {

    private static final Duration PERIOD = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One webhook call of Alertmanager: the receiver path, its status and its alerts' labels. */
    record Notification(String path, String status, List<Map<String, String>> alerts, long nanos) {}

    @Test
    void aKilledRunPagesOnceWithItsNameAndAHalfOpenClientDoesNotStopTheScrapes() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        try {
            int webhook = startWebhook();
            Service alertmanager = startAlertmanager(webhook);
            int target = Service.freePort();
            Service prometheus = startPrometheus(promtool, alertmanager, target);

            Process ended = child(target, "ended-run", 3);
            assertTrue(ended.waitFor(5, TimeUnit.MINUTES), "the first run did not end");
            assertEquals(0, ended.exitValue());
            await("Prometheus saw the first run end", () -> !query(prometheus,
                    "last_over_time(cscore_training_active{run=\"ended-run\"}[5m]) == 0").isEmpty());

            Process killed = child(target, "killed-run", -1);
            await("the second run trains", () -> !query(prometheus,
                    "cscore_epoch{run=\"killed-run\"} >= 2").isEmpty());
            try (Socket halfOpen = halfOpen(target)) {
                Thread.sleep(10_000);
                assertEquals(List.of(), query(prometheus, "min_over_time(up{job=\"cscore\"}[8s]) < 1"),
                        "a scrape failed while a client held a half-open connection");
                assertEquals(List.of(), query(prometheus,
                        "max_over_time(scrape_duration_seconds{job=\"cscore\"}[8s]) > 0.5"),
                        "scrapes were slow while a client held a half-open connection");
                assertTrue(halfOpen.isConnected());
            }
            killed.destroyForcibly();
            long killedAt = System.nanoTime();
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

            await("a page for the killed run", () -> !pages("killed-run").isEmpty());
            long pagedAt = received.stream().filter(n -> n.path().endsWith("/page")).mapToLong(Notification::nanos)
                    .min().orElseThrow();
            // For the record (docs/alerts.md): for is one 4 s period, Alertmanager's group_wait 10 s.
            System.out.printf("OnCallIT: paged %.1f s after the kill%n", (pagedAt - killedAt) / 1e9);
            Thread.sleep(30_000); // long enough for a second page, if one were sent
            assertEquals(1, pages("killed-run").size(), "pages: " + received);
            Map<String, String> page = pages("killed-run").get(0);
            assertEquals("small-cnn", page.get("model"));
            assertEquals("critical", page.get("severity"));
            assertTrue(received.stream().noneMatch(n -> n.alerts().stream()
                    .anyMatch(a -> "ended-run".equals(a.get("run")) && n.path().endsWith("/page"))),
                    "the run that ended normally paged: " + received);
            assertTrue(received.stream().anyMatch(n -> n.path().endsWith("/heartbeat") && n.alerts().stream()
                    .anyMatch(a -> Watchdog.NAME.equals(a.get("alertname")))), "no heartbeat: " + received);
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    /** Firing notifications of the page receiver about the run's exporter being gone. */
    private List<Map<String, String>> pages(String run) {
        List<Map<String, String>> pages = new ArrayList<>();
        for (Notification notification : received) {
            if (notification.path().endsWith("/page") && notification.status().equals("firing")) {
                notification.alerts().stream().filter(a -> ExporterAbsent.NAME.equals(a.get("alertname"))
                        && run.equals(a.get("run"))).forEach(pages::add);
            }
        }
        return pages;
    }

    private int startWebhook() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                List<Map<String, String>> alerts = new ArrayList<>();
                for (JsonNode alert : body.path("alerts")) {
                    Map<String, String> labels = new java.util.TreeMap<>();
                    alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    labels.put("status", alert.path("status").asText());
                    alerts.add(labels);
                }
                received.add(new Notification(exchange.getRequestURI().getPath(), body.path("status").asText(), alerts,
                        System.nanoTime()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        opened.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private Service startAlertmanager(int webhook) throws Exception {
        String example = Files.readString(Tools.projectRoot().resolve("alert-rules/alertmanager.example.yml"));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, example.replace("http://127.0.0.1:5001/", "http://127.0.0.1:" + webhook + "/"));
        int port = Service.freePort();
        Service alertmanager = Service.start("alertmanager",
                Tools.require("prometheus-alertmanager", "prometheus-alertmanager"), port, "/-/ready", dir,
                List.of("--config.file=" + config, "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
        opened.add(alertmanager);
        return alertmanager;
    }

    private Service startPrometheus(Path promtool, Service alertmanager, int target) throws Exception {
        Files.writeString(dir.resolve("cscore.rules.yml"), PrometheusRules.render(AlertEngine.ofDefaults().rules(),
                PERIOD, "cscore", URI.create(PrometheusRules.DEFAULT_RUNBOOK),
                URI.create(PrometheusRules.DEFAULT_DASHBOARD)));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: 1s\n"
                + "rule_files: [cscore.rules.yml]\n"
                + "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:"
                + alertmanager.port() + "']\n"
                + "scrape_configs:\n  - job_name: cscore\n    static_configs:\n      - targets: ['127.0.0.1:"
                + target + "']\n");
        Tools.Result check = Tools.run(dir, 60, Tools.command(promtool, "check", "config", config.toString()));
        assertEquals(0, check.exitCode(), check.output());
        int port = Service.freePort();
        Service prometheus = Service.start("prometheus", Tools.require("prometheus", "prometheus"), port, "/-/ready", dir,
                List.of("--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port));
        opened.add(prometheus);
        return prometheus;
    }

    /** A training run in a process of its own, its output in a file; killed at the end if still alive. */
    private Process child(int port, String run, int epochs) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ChildRun.class.getName(),
                Integer.toString(port), run, Integer.toString(epochs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(run + ".log").toFile());
        Process process = builder.start();
        opened.add(() -> {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        });
        return process;
    }

    /** A connection that sends the start of a scrape request and then nothing. */
    private static Socket halfOpen(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static List<Map<String, String>> query(Service prometheus, String promql) {
        try {
            return PrometheusApi.query(prometheus.url(""), promql);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(promql, e);
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting until " + what + "; notifications " + received);
    }
}
