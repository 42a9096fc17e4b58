package io.github.cscore.export;

import io.github.cscore.alert.AlertEngine;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;

/**
 * An exporter's settings, checked by {@link CScoreExporterBuilder} and frozen at {@code build()}:
 * changing the builder afterwards changes no exporter already built.
 *
 * @param host the address {@code /metrics} is bound to
 * @param port the port, 0 for any free one
 * @param serve false when only pushing
 * @param user the basic-auth user, or null
 * @param password the basic-auth password, or null
 * @param gracePeriod how long {@code /metrics} waits for a last scrape after the end
 * @param readTimeout how long a client may take to send its request
 * @param writeTimeout how long a client may take to receive the answer
 * @param pushgateway the gateway's base URL, or null for no push
 * @param pushJob the job of the Pushgateway grouping key
 * @param pushTimeout the timeout of each push attempt
 * @param maxClasses the most classes exported one by one
 * @param alerts the engine whose state is exported, or null
 * @param resilienceMeters whether Resilience4j's own meters are exported too
 * @param registry a registry of the caller's, or null for a new one
 */
record ExporterSettings(
        String host,
        int port,
        boolean serve,
        String user,
        String password,
        Duration gracePeriod,
        Duration readTimeout,
        Duration writeTimeout,
        URI pushgateway,
        String pushJob,
        Duration pushTimeout,
        int maxClasses,
        AlertEngine alerts,
        boolean resilienceMeters,
        PrometheusMeterRegistry registry) {

    /** Leaves the password out, so the settings can be logged. */
    @Override
    public String toString() {
        return "ExporterSettings[host=" + host + ", port=" + port + ", serve=" + serve + ", user=" + user
                + ", password=" + (password == null ? "none" : "***") + ", pushgateway=" + pushgateway + "]";
    }
}
