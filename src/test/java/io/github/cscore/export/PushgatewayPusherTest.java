package io.github.cscore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

class PushgatewayPusherTest {

    @Test
    void aGatewayThatNeverAnswersIsReportedAsATimeoutWithItsLength() throws IOException {
        // The socket's backlog takes the connection; nothing ever reads the request or answers it.
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
                PushgatewayPusher pusher = new PushgatewayPusher(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        URI.create("http://127.0.0.1:" + silent.getLocalPort()), "cscore", "r1",
                        Duration.ofMillis(250), false)) {
            String log = capturingStandardError(() -> assertFalse(pusher.pushNow()));

            assertEquals(1, pusher.failures());
            assertTrue(log.contains("pushing metrics to http://127.0.0.1:" + silent.getLocalPort()
                    + "/metrics/job/cscore/run/r1 failed: the Pushgateway at http://127.0.0.1:" + silent.getLocalPort()
                    + "/metrics/job/cscore/run/r1 did not answer within 0.25 s"), log);
            assertFalse(log.contains("cannot reach"), log);
            assertFalse(log.contains("java."), log);
        }
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
