package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import io.github.cscore.testing.Tools;

import io.micrometer.core.instrument.Gauge;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

class CScoreExporterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static CScoreExporter started(CScoreExporterBuilder builder) {
        return builder.optPort(0).optGracePeriod(Duration.ofMillis(1)).build().start("r1", "resnet50v2");
    }

    private static HttpResponse<String> get(int port, String accept, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (auth != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Serving {

        @Test
        void servesTheTextFormatWithItsContentTypeOnAnEphemeralPort() throws Exception {
            try (CScoreExporter exporter = started(CScoreExporter.builder())) {
                exporter.accept(CScoreMeterBinderTest.twoClasses());

                HttpResponse<String> response = get(exporter.port(), null, null);

                assertEquals(200, response.statusCode());
                assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
                assertTrue(response.body().contains(
                        "cscore_consistency{class=\"NORMAL\",model=\"resnet50v2\",run=\"r1\",technique=\"gradcam\"} 0.6"),
                        response.body());
            }
        }

        @Test
        void servesOpenMetricsWhenAskedForIt() throws Exception {
            try (CScoreExporter exporter = started(CScoreExporter.builder())) {
                HttpResponse<String> response = get(exporter.port(),
                        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5", null);

                assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                        response.headers().firstValue("Content-Type").orElse(""));
                assertTrue(response.body().endsWith("# EOF\n"), response.body());
            }
        }

        @Test
        void aTakenPortIsOneClearErrorAtStart() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                CScoreExporter exporter = CScoreExporter.builder().optPort(taken.getLocalPort()).build();

                var e = assertThrows(IllegalStateException.class, () -> exporter.start("r1", "m"));

                assertTrue(e.getMessage().startsWith("cannot serve /metrics on 127.0.0.1:" + taken.getLocalPort()),
                        e.getMessage());
            }
        }

        @Test
        void changingTheBuilderAfterBuildDoesNotReachTheExporter() throws Exception {
            CScoreExporterBuilder builder = CScoreExporter.builder().optPort(0).optGracePeriod(Duration.ofMillis(1));
            CScoreExporter exporter = builder.build();

            builder.optNoServer().optBasicAuth("prom", "s3cret");

            try (exporter) {
                exporter.start("r1", "m");
                assertEquals(200, get(exporter.port(), null, null).statusCode());
            }
        }

        @Test
        void basicAuthenticationRefusesWrongCredentials() throws Exception {
            try (CScoreExporter exporter = started(CScoreExporter.builder().optBasicAuth("prom", "s3cret"))) {
                assertEquals(401, get(exporter.port(), null, null).statusCode());
                assertEquals(401, get(exporter.port(), null, "prom:wrong").statusCode());
                assertEquals(200, get(exporter.port(), null, "prom:s3cret").statusCode());
            }
        }

        @Test
        void closingStopsServingAndEndsTraining() throws Exception {
            CScoreExporter exporter = started(CScoreExporter.builder());
            int port = exporter.port();
            exporter.accept(CScoreMeterBinderTest.twoClasses());

            exporter.close();

            assertTrue(exporter.scrape().contains("cscore_training_active{model=\"resnet50v2\",run=\"r1\"} 0.0"),
                    exporter.scrape());
            assertThrows(ConnectException.class, () -> get(port, null, null));
        }

        @Test
        void aScrapeThatStartedBeforeTheEndDoesNotCountAsTheFinalOne() throws Exception {
            CScoreExporter exporter = CScoreExporter.builder().optPort(0).optGracePeriod(Duration.ofSeconds(30)).build()
                    .start("r1", "resnet50v2");
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            Gauge.builder("test.slow.read", release, latch -> {
                if (first.getAndSet(false)) { // holds the first scrape inside its read of the registry
                    reading.countDown();
                    awaitQuietly(latch);
                }
                return 0;
            }).register(exporter.registry());
            CompletableFuture<HttpResponse<String>> early =
                    CompletableFuture.supplyAsync(() -> getQuietly(exporter.port()));
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the first scrape did not start");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(exporter::close);
            Thread.sleep(200); // let close() take its count of scrapes
            release.countDown();
            early.get(10, TimeUnit.SECONDS);

            assertThrows(TimeoutException.class, () -> closing.get(500, TimeUnit.MILLISECONDS),
                    "close() returned after a scrape that read the state from before the end");
            String last = getQuietly(exporter.port()).body();
            assertTrue(last.contains("cscore_training_active{model=\"resnet50v2\",run=\"r1\"} 0.0"), last);
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> getQuietly(int port) {
        try {
            return get(port, null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Pushing {

        @Test
        void pushesTheRegistryUnderJobAndRunAfterACheckpoint() throws Exception {
            BlockingQueue<String> received = new ArrayBlockingQueue<>(16);
            HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            gateway.createContext("/", exchange -> {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            gateway.start();
            try (CScoreExporter exporter = started(CScoreExporter.builder().optNoServer()
                    .optPushgateway(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort())))) {
                exporter.accept(CScoreMeterBinderTest.twoClasses());

                String push = received.poll(30, TimeUnit.SECONDS);

                assertTrue(push != null && push.startsWith("PUT /metrics/job/cscore/run/r1\n"), push);
                assertTrue(push.contains("cscore_consistency{"), push);
            } finally {
                gateway.stop(0);
            }
        }

        @Test
        void anUnreachableGatewayIsACountedFailure() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            CScoreExporter exporter = started(CScoreExporter.builder().optNoServer()
                    .optPushTimeout(Duration.ofMillis(500))
                    .optPushgateway(URI.create("http://127.0.0.1:" + closedPort)));

            exporter.close(); // the final push waits for its answer

            assertTrue(exporter.scrape().contains("cscore_push_failures_total{model=\"resnet50v2\",run=\"r1\"} 1.0"),
                    exporter.scrape());
        }
    }

    @Test
    void theScrapePassesPromtoolLint() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        try (CScoreExporter exporter = started(CScoreExporter.builder().optNoServer()
                .optPushgateway(URI.create("http://127.0.0.1:1")))) {
            exporter.accept(CScoreMeterBinderTest.twoClasses());

            Tools.Result lint = Tools.pipe(exporter.scrape(), 60, Tools.command(promtool, "check", "metrics"));

            assertEquals(0, lint.exitCode(), lint.output());
            assertEquals("", lint.output().strip());
        }
    }

    @Nested
    class Builder {

        @Test
        void rejectsPortAboveRange() {
            var e = assertThrows(IllegalArgumentException.class, () -> CScoreExporter.builder().optPort(70000));
            assertEquals("port must be in [0, 65535], but was 70000", e.getMessage());
        }

        @Test
        void rejectsZeroGracePeriod() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> CScoreExporter.builder().optGracePeriod(Duration.ZERO));
            assertEquals("gracePeriod must be positive, but was PT0S", e.getMessage());
        }

        @Test
        void rejectsAPushgatewayWithoutHttp() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> CScoreExporter.builder().optPushgateway(URI.create("ftp://host:9091")));
            assertTrue(e.getMessage().contains("ftp://host:9091"), e.getMessage());
        }

        @Test
        void rejectsBasicAuthWithoutPassword() {
            assertThrows(IllegalArgumentException.class, () -> CScoreExporter.builder().optBasicAuth("u", ""));
        }

        @Test
        void rejectsStartingTwice() {
            try (CScoreExporter exporter = started(CScoreExporter.builder().optNoServer())) {
                assertThrows(IllegalStateException.class, () -> exporter.start("r2", "m"));
            }
        }
    }
}
