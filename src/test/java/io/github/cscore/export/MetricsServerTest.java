package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * /metrics serves concurrently, with a deadline on reading each request and on writing each
 * response: a client that sends half a request and waits (a half-open connection, a port scanner,
 * a stuck proxy) blocks neither later scrapes nor the server, and is dropped at the deadline.
 */
class MetricsServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static CScoreExporter started(Duration readTimeout) {
        return CScoreExporter.builder().optPort(0).optGracePeriod(Duration.ofMillis(1)).optReadTimeout(readTimeout)
                .build().start("r1", "m");
    }

    /** A connection that sends the start of a request and then nothing. */
    private static Socket halfOpen(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static HttpResponse<String> scrape(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHalfOpenClientDoesNotBlockTheNextScrapes() throws Exception {
        try (CScoreExporter exporter = started(Duration.ofSeconds(30)); Socket stuck = halfOpen(exporter.port())) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = scrape(exporter.port());

                assertEquals(200, response.statusCode());
                assertTrue(response.body().contains("cscore_training_active{"), response.body());
            }
        }
    }

    @Test
    void manyHalfOpenClientsAtOnceStillLeaveRoomForAScrape() throws Exception {
        List<Socket> stuck = new ArrayList<>();
        try (CScoreExporter exporter = started(Duration.ofSeconds(30))) {
            for (int i = 0; i < 40; i++) {
                stuck.add(halfOpen(exporter.port()));
            }

            assertEquals(200, scrape(exporter.port()).statusCode());
        } finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    @Test
    void onlyMetricsIsServed() throws Exception {
        try (CScoreExporter exporter = started(Duration.ofSeconds(10))) {
            HttpRequest admin = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/admin")).build();
            HttpResponse<String> other = HTTP.send(admin, HttpResponse.BodyHandlers.ofString());

            assertEquals(404, other.statusCode());
        }
    }

    @Test
    void aClientThatDoesNotFinishItsRequestIsDroppedAtTheReadTimeout() throws Exception {
        try (CScoreExporter exporter = started(Duration.ofMillis(300)); Socket stuck = halfOpen(exporter.port())) {
            stuck.setSoTimeout(10_000);
            long start = System.nanoTime();

            int read = readOrReset(stuck.getInputStream());

            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(-1, read, "the server closed the connection");
            assertTrue(seconds < 5, "dropped after the 0.3 s read timeout, not after " + seconds + " s");
        }
    }

    /** -1 when the server closed the connection (or reset it); the byte otherwise. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    void aSlowReaderIsDroppedAtTheWriteTimeoutWhileOthersAreServed() throws Exception {
        try (CScoreExporter exporter = CScoreExporter.builder().optPort(0).optGracePeriod(Duration.ofMillis(1))
                .optWriteTimeout(Duration.ofMillis(300)).build().start("r1", "m")) {
            String padding = "x".repeat(500);
            for (int i = 0; i < 12_000; i++) {
                // An exposition of about 6 MB, more than the kernel buffers a reader that never reads can hold.
                Gauge.builder("test.padding", () -> 1).tag("i", i + padding).description("padding")
                        .register(exporter.registry());
            }
            try (Socket slow = new Socket()) {
                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), exporter.port()));
                slow.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(1500); // the server gives up writing after 0.3 s and closes

                HttpResponse<String> other = scrape(exporter.port());
                assertEquals(200, other.statusCode());
                slow.setSoTimeout(10_000);
                long received = drain(slow.getInputStream());
                assertTrue(received < other.body().length(), "the slow reader was cut off: " + received + " of "
                        + other.body().length() + " bytes");
            }
        }
    }

    private static long drain(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[65536];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException reset) {
            // reset by the server: what arrived is what it wrote before giving up
        }
        return total;
    }
}
