package io.github.cscore.cli;

import io.github.cscore.export.CScoreExporterBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Fails fast on a taken metrics port, before the demo generates data or writes any file. */
final class MetricsPort {

    private MetricsPort() {}

    /**
     * Binds the port once and lets it go. The exporter binds it again later; a process that takes
     * the port in between still gets the same one-line error from the exporter.
     *
     * @param port the port, or 0 when /metrics is off
     * @throws IllegalArgumentException naming --metrics-port if the port cannot be bound
     */
    static void checkFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(CScoreExporterBuilder.DEFAULT_HOST))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("--metrics-port " + port + " cannot be used on "
                    + CScoreExporterBuilder.DEFAULT_HOST + ": " + e.getMessage()
                    + " (is another run serving there? choose another port, or 0 to turn /metrics off)", e);
        }
    }
}
