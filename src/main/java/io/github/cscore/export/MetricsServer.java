package io.github.cscore.export;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /metrics} over the JDK's own HTTP server: the registry in the Prometheus text format
 * 0.0.4, or OpenMetrics 1.0.0 when the scraper asks for it, with the matching content type (a
 * Prometheus 3 scrape fails without one). One daemon thread serves; a scrape reads the registry
 * and never touches training.
 */
final class MetricsServer implements AutoCloseable {

    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong lastServed = new AtomicLong();

    private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IllegalStateException naming host:port if the address cannot be bound
     */
    static MetricsServer start(PrometheusMeterRegistry registry, String host, int port, String user, String password) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new IllegalStateException("cannot serve /metrics on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another exporter running? choose another port, or 0 for any free one)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve /metrics on " + host + ":" + port + ": " + e, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "cscore-metrics-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer metrics = new MetricsServer(server, executor, registry);
        var context = server.createContext("/metrics", metrics::handle);
        if (user != null) {
            context.setAuthenticator(new Credentials(user, password));
        }
        server.setExecutor(executor);
        server.start();
        return metrics;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Scrapes started so far; the n-th to start reads the registry after the (n-1)-th started. */
    long scrapes() {
        return started.get();
    }

    /**
     * The highest start number among the scrapes answered in full. A scrape that started before
     * some state change may finish after it: waiting for a scrape that saw the change means waiting
     * for this to pass the start count taken after the change.
     */
    long lastServed() {
        return lastServed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            long number = started.incrementAndGet();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
            byte[] body = registry.scrape(type).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            lastServed.accumulateAndGet(number, Math::max);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Basic authentication compared in constant time. */
    private static final class Credentials extends BasicAuthenticator {
        private final byte[] user;
        private final byte[] password;

        Credentials(String user, String password) {
            super("cscore");
            this.user = user.getBytes(StandardCharsets.UTF_8);
            this.password = password.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean checkCredentials(String givenUser, String givenPassword) {
            boolean userOk = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
            boolean passwordOk = MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
            return userOk & passwordOk;
        }
    }
}
