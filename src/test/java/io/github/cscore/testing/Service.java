package io.github.cscore.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the integration tests start themselves (Prometheus, Alertmanager, Pushgateway) on
 * loopback, with its output in a file; closing it ends the process it started, by its handle.
 */
public final class Service implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private Service(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a server and waits until its readiness URL answers 200.
     *
     * @param name what it is, for messages
     * @param executable the executable (from {@link Tools#require})
     * @param port the port it listens on
     * @param readyPath the path that answers 200 once it is ready
     * @param dir the folder for its log
     * @param args its arguments
     * @return the running service
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if it is not ready within 60 s (its log is in the message)
     */
    public static Service start(String name, Path executable, int port, String readyPath, Path dir, List<String> args)
            throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Service service = new Service(name, process, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + service.log());
            }
            if (service.answers(readyPath)) {
                return service;
            }
            Thread.sleep(200);
        }
        service.close();
        throw new AssertionError(name + " was not ready in 60 s:\n" + service.log());
    }

    /**
     * Returns a port that was free a moment ago.
     *
     * @return the port
     * @throws IOException if no port can be had
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean answers(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url(path)).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the URL of a path on this server.
     *
     * @param path e.g. {@code /api/v1/query}
     * @return the URL
     */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Returns the port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns what the server printed so far.
     *
     * @return its log
     */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Ends the process (politely, then by force) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
