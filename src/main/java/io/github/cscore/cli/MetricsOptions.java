package io.github.cscore.cli;

import io.github.cscore.export.CScoreExporter;
import io.github.cscore.export.CScoreExporterBuilder;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * {@code --metrics-port} and {@code --metrics-host}: the /metrics endpoint a command serves while
 * it runs, or none.
 */
final class MetricsOptions implements OptionNames.Source {

    @Option(names = "--metrics-port", paramLabel = "N", description = "Port of the /metrics endpoint served while "
            + "running, for Prometheus; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS", description = "Address /metrics is bound to: 127.0.0.1 "
            + "serves this machine only, 0.0.0.0 every network interface, so that a Prometheus on another machine can "
            + "scrape it (anyone who reaches the port reads the run's metrics: docs/metrics.md) (default: "
            + "${DEFAULT-VALUE}).")
    String host = CScoreExporterBuilder.DEFAULT_HOST;

    @Option(names = "--metrics-resilience4j", description = "Also export Resilience4j's own meters of the techniques' "
            + "circuit breakers and the push's retry (about 22 series per technique; off by default).")
    boolean resilienceMeters;

    /** Serving on the exporter's default port. */
    MetricsOptions() {
        this(CScoreExporterBuilder.DEFAULT_PORT);
    }

    /** Another default; 0 for off. */
    MetricsOptions(int port) {
        this.port = port;
    }

    /** Tells whether /metrics is served: a port other than 0. */
    boolean serving() {
        return port != 0;
    }

    /** An exporter builder serving on the host and port, or serving nothing when the port is 0. */
    CScoreExporterBuilder exporter() {
        CScoreExporterBuilder builder = serving() ? CScoreExporter.builder().optHost(host).optPort(port)
                : CScoreExporter.builder().optNoServer();
        return builder.optResilienceMeters(resilienceMeters);
    }

    /** The URL /metrics is served at, for the user. */
    String url(int actualPort) {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + actualPort + "/metrics";
    }

    /**
     * Fails fast on a taken port, before a command generates data or writes any file: binds the
     * port once and lets it go. The exporter binds it again later; a process that takes the port
     * in between still gets the exporter's error, which names host and port.
     *
     * @throws IllegalArgumentException naming --metrics-port if the port cannot be bound
     */
    void checkFree() {
        if (!serving()) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("--metrics-host " + host + " is no address of this machine: "
                    + e.getMessage(), e);
        }
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("--metrics-port " + port + " cannot be used on " + host + ": "
                    + e.getMessage() + " (is another run serving there? choose another port, or 0 to turn /metrics off)", e);
        }
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("port", "--metrics-port", "host", "--metrics-host");
    }
}
