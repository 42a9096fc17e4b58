package io.github.cscore.export;

import io.github.cscore.alert.AlertEngine;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link CScoreExporter}. Nothing is required: by default it serves {@code /metrics} on
 * {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT} without authentication, keeps serving up to
 * {@link #DEFAULT_GRACE_PERIOD} after the end for a last scrape, and pushes nowhere.
 */
public final class CScoreExporterBuilder {

    /** Default address {@code /metrics} is bound to: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port of {@code /metrics}. */
    public static final int DEFAULT_PORT = 9464;
    /** Default time {@code /metrics} stays up after the end, waiting for one more scrape. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);
    /** Default time a client has to send its whole request to {@code /metrics}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a client has to take the whole answer of {@code /metrics}. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Default job of the Pushgateway grouping key. */
    public static final String DEFAULT_PUSH_JOB = "cscore";
    /** Default connect and request timeout of a push. */
    public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(2);

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private boolean serve = true;
    private String user;
    private String password;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private URI pushgateway;
    private String pushJob = DEFAULT_PUSH_JOB;
    private Duration pushTimeout = DEFAULT_PUSH_TIMEOUT;
    private int maxClasses = CScoreMeterBinder.DEFAULT_MAX_CLASSES;
    private AlertEngine alerts;
    private boolean resilienceMeters;
    private PrometheusMeterRegistry registry;

    CScoreExporterBuilder() {}

    /**
     * Sets the address {@code /metrics} is bound to. Default: {@value #DEFAULT_HOST}; {@code
     * 0.0.0.0} serves on every interface (then set basic authentication).
     *
     * @param value a host name or address
     * @return this builder
     */
    public CScoreExporterBuilder optHost(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("host must be non-blank, but was '" + value + "'");
        }
        this.host = value;
        return this;
    }

    /**
     * Sets the port of {@code /metrics}. Default: {@value #DEFAULT_PORT}; 0 takes any free port,
     * read back with {@link CScoreExporter#port()}.
     *
     * @param value in [0, 65535]
     * @return this builder
     */
    public CScoreExporterBuilder optPort(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], but was " + value);
        }
        this.port = value;
        return this;
    }

    /**
     * Turns the {@code /metrics} server off (push only). Default: serving.
     *
     * @return this builder
     */
    public CScoreExporterBuilder optNoServer() {
        this.serve = false;
        return this;
    }

    /**
     * Requires HTTP basic authentication on {@code /metrics}. Default: none.
     *
     * @param name the user name, non-blank
     * @param secret the password, non-empty
     * @return this builder
     */
    public CScoreExporterBuilder optBasicAuth(String name, String secret) {
        if (name == null || name.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("basic auth needs a non-blank user and a non-empty password, but the user "
                    + "was '" + name + "'");
        }
        this.user = name;
        this.password = secret;
        return this;
    }

    /**
     * Sets how long {@code /metrics} stays up after the end waiting for one more scrape. Default:
     * 30 s, two scrapes at Prometheus' usual 15 s interval.
     *
     * @param value a positive duration
     * @return this builder
     */
    public CScoreExporterBuilder optGracePeriod(Duration value) {
        this.gracePeriod = CScoreExporter.positive("gracePeriod", value);
        return this;
    }

    /**
     * Sets how long a client of {@code /metrics} may take to send its whole request; a connection
     * still incomplete then is closed, so a half-open client or a port scanner holds nothing for
     * long. Default: 10 s, Prometheus' default scrape timeout.
     *
     * @param value a positive duration
     * @return this builder
     */
    public CScoreExporterBuilder optReadTimeout(Duration value) {
        this.readTimeout = CScoreExporter.positive("readTimeout", value);
        return this;
    }

    /**
     * Sets how long a client of {@code /metrics} may take to receive the whole answer; a client
     * that reads slower is disconnected. Default: 10 s.
     *
     * @param value a positive duration
     * @return this builder
     */
    public CScoreExporterBuilder optWriteTimeout(Duration value) {
        this.writeTimeout = CScoreExporter.positive("writeTimeout", value);
        return this;
    }

    /**
     * Pushes to a Pushgateway after every checkpoint and at the end. Default: no push.
     *
     * @param gateway the gateway's base URL, such as {@code http://127.0.0.1:9091}
     * @return this builder
     */
    public CScoreExporterBuilder optPushgateway(URI gateway) {
        this.pushgateway = CScoreExporter.gateway(gateway);
        return this;
    }

    /**
     * Sets the job of the Pushgateway grouping key (job, run). Default: {@value #DEFAULT_PUSH_JOB}.
     *
     * @param job a non-blank job name
     * @return this builder
     */
    public CScoreExporterBuilder optPushJob(String job) {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("pushJob must be non-blank, but was '" + job + "'");
        }
        this.pushJob = job;
        return this;
    }

    /**
     * Sets the connect and request timeout of each push attempt. Default: 2 s.
     *
     * @param value a positive duration
     * @return this builder
     */
    public CScoreExporterBuilder optPushTimeout(Duration value) {
        this.pushTimeout = CScoreExporter.positive("pushTimeout", value);
        return this;
    }

    /**
     * Sets how many classes are exported one by one. Default: {@value
     * CScoreMeterBinder#DEFAULT_MAX_CLASSES}.
     *
     * @param max at least 1
     * @return this builder
     */
    public CScoreExporterBuilder optMaxClasses(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxClasses must be at least 1, but was " + max);
        }
        this.maxClasses = max;
        return this;
    }

    /**
     * Exports the state of an alert engine as {@code cscore_alert}. The exporter hands each result
     * to the engine before exporting it and the engine evaluates each result once, so the engine
     * may be a sink of the monitor before or after the exporter, or none, and a push after a
     * checkpoint carries that checkpoint's alerts. Default: none.
     *
     * @param engine the engine
     * @return this builder
     */
    public CScoreExporterBuilder optAlertEngine(AlertEngine engine) {
        this.alerts = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /**
     * Also exports Resilience4j's own meters: those of the techniques' circuit breakers ({@code
     * resilience4j_circuitbreaker_*{name="cam-<technique>"}}, about 22 series per technique, some
     * reading -1 while there is no value yet) and of the push's retry and breaker. Default: off,
     * for they would be about half of all series; the skips the breakers cause are in {@code
     * cscore_checkpoints_skipped_total{reason="circuit_open"}} and failed pushes in {@code
     * cscore_push_failures_total} anyway.
     *
     * @param value true to export them
     * @return this builder
     */
    public CScoreExporterBuilder optResilienceMeters(boolean value) {
        this.resilienceMeters = value;
        return this;
    }

    /**
     * Uses a registry of one's own (to add JVM meters, say). Default: a new one.
     *
     * @param value the registry; closed with the exporter
     * @return this builder
     */
    public CScoreExporterBuilder optRegistry(PrometheusMeterRegistry value) {
        this.registry = Objects.requireNonNull(value, "registry");
        return this;
    }

    /**
     * Builds the exporter with the settings as they are now (later changes to this builder do not
     * reach it); nothing is bound or served until {@link CScoreExporter#start}.
     *
     * @return the exporter
     */
    public CScoreExporter build() {
        return new CScoreExporter(new ExporterSettings(host, port, serve, user, password, gracePeriod, readTimeout,
                writeTimeout, pushgateway, pushJob, pushTimeout, maxClasses, alerts, resilienceMeters, registry));
    }
}
