package io.github.cscore.export;

import io.github.cscore.control.MonitorView;
import io.github.cscore.metric.CScoreMeters;
import io.github.cscore.result.CheckpointResult;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Prometheus export of a monitored run: a checkpoint sink that keeps a {@link
 * PrometheusMeterRegistry} with the {@link CScoreMeterBinder} meters (and, if asked, Resilience4j's
 * meters of the techniques' circuit breakers), serves it on {@code /metrics} (default {@code
 * 127.0.0.1:9464}) and, if asked, pushes it to a Pushgateway after every checkpoint and at the end.
 *
 * <pre>{@code
 * CScoreExporter exporter = CScoreExporter.builder().optPort(9464).optAlertEngine(alerts).build();
 * CScoreMonitor monitor = CScoreMonitor.builder()...
 *         .optSink("alerts", alerts).optSink("prometheus", exporter).build();
 * try (exporter) {
 *     exporter.start(monitor);      // IllegalStateException naming host:port if it is taken
 *     EasyTrain.fit(trainer, epochs, train, validate);
 * }                                 // serves until scraped once more, at most the grace period
 * }</pre>
 *
 * <p>A push or a scrape never reaches training: pushes run on their own thread under a retry and
 * a circuit breaker, and a failed one is only counted ({@code cscore_push_failures_total}).
 */
public final class CScoreExporter implements Consumer<CheckpointResult>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CScoreExporter.class);

    private final ExporterSettings settings;
    private final PrometheusMeterRegistry registry;
    private final AtomicReference<CScoreMeterBinder> binder = new AtomicReference<>();
    private final AtomicReference<CheckpointResult> early = new AtomicReference<>();
    private MetricsServer server;
    private long servingSince;
    private PushgatewayPusher pusher;
    private boolean closed;

    CScoreExporter(ExporterSettings settings) {
        this.settings = settings;
        this.registry = settings.registry() != null
                ? settings.registry() : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static CScoreExporterBuilder builder() {
        return new CScoreExporterBuilder();
    }

    /**
     * Binds the meters of the monitor's run and model, and its breakers, then starts serving
     * {@code /metrics} (unless serving is off) and pushing (if a Pushgateway is set). Call it
     * before training, once.
     *
     * @param monitor the monitor this exporter is a sink of, as a read-only view
     * @return this exporter
     * @throws IllegalStateException naming host:port if the port is taken, or if already started
     */
    public synchronized CScoreExporter start(MonitorView monitor) {
        Objects.requireNonNull(monitor, "monitor");
        return start(monitor.runName(), monitor.modelName(), monitor);
    }

    /**
     * Starts without a monitor, for results replayed from a timeline: checkpoints and skips are
     * counted from the results received.
     *
     * @param run the run name
     * @param model the model name
     * @return this exporter
     * @throws IllegalStateException naming host:port if the port is taken, or if already started
     */
    public synchronized CScoreExporter start(String run, String model) {
        return start(run, model, null);
    }

    private CScoreExporter start(String run, String model, MonitorView monitor) {
        if (binder.get() != null || closed) {
            throw new IllegalStateException("this exporter was already started");
        }
        CScoreMeterBinderBuilder b = CScoreMeterBinder.builder().setRun(run).setModel(model)
                .optMaxClasses(settings.maxClasses()).optResilienceMeters(settings.resilienceMeters());
        if (settings.alerts() != null) {
            b.optAlertEngine(settings.alerts());
        }
        CScoreMeterBinder created = b.build();
        registry.config().commonTags(created.commonTags());
        if (settings.serve()) {
            server = MetricsServer.start(registry, settings.host(), settings.port(), settings.user(), settings.password(),
                    settings.readTimeout(), settings.writeTimeout());
            servingSince = System.nanoTime();
            LOG.info("serving C-Score metrics on http://{}:{}/metrics", settings.host(), server.port());
        }
        if (settings.pushgateway() != null) {
            pusher = new PushgatewayPusher(registry, settings.pushgateway(), settings.pushJob(), created.commonTags()
                    .stream().filter(t -> t.getKey().equals(CScoreMeters.RUN)).findFirst().orElseThrow().getValue(),
                    settings.pushTimeout(), settings.resilienceMeters());
            created.pushFailures(pusher::failures);
        }
        if (monitor != null) {
            created.observe(monitor);
        }
        created.bindTo(registry);
        binder.set(created);
        CheckpointResult before = early.getAndSet(null);
        if (before != null) {
            accept(before);
        }
        return this;
    }

    /**
     * Exports a checkpoint result, then schedules a push if a Pushgateway is set. A result that
     * arrives before {@link #start} is kept and exported then.
     *
     * @param result the result
     */
    @Override
    public void accept(CheckpointResult result) {
        CScoreMeterBinder current = binder.get();
        if (current == null) {
            early.set(result);
            return;
        }
        current.accept(result);
        if (pusher != null) {
            pusher.pushLater();
        }
    }

    /**
     * Returns the registry the meters are in, for adding meters of one's own or scraping.
     *
     * @return the registry
     */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Returns the port {@code /metrics} is served on, the actual one when port 0 was asked for.
     *
     * @return the port
     * @throws IllegalStateException if not serving
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not serving /metrics (not started, closed, or serving is off)");
        }
        return server.port();
    }

    /**
     * Returns how many pushes to the Pushgateway failed (or were refused by the open circuit
     * breaker) so far; after {@link #close()}, the final push included.
     *
     * @return the count; 0 without a Pushgateway
     */
    public synchronized long pushFailures() {
        return pusher == null ? 0 : pusher.failures();
    }

    /**
     * Returns how many pushes reached the Pushgateway so far; after {@link #close()}, the final
     * push included.
     *
     * @return the count; 0 without a Pushgateway
     */
    public synchronized long pushSuccesses() {
        return pusher == null ? 0 : pusher.successes();
    }

    /**
     * Returns the text a scrape would get now, in the Prometheus text format 0.0.4.
     *
     * @return the exposition
     */
    public String scrape() {
        return registry.scrape(MetricsServer.TEXT);
    }

    /**
     * Ends the export: {@code cscore_training_active} drops to 0, a final push is made (waiting
     * for its answer), and {@code /metrics} is served until one more scrape has seen the final
     * state, or the grace period has passed, so the last checkpoint is not lost. A server that
     * served for longer than the grace period and was never scraped closes at once: no scraper
     * is there to wait for. Idempotent.
     */
    @Override
    public void close() {
        MetricsServer serving;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            serving = server;
        }
        CScoreMeterBinder current = binder.get();
        if (current != null) {
            current.markTrainingEnded();
        }
        if (pusher != null) {
            pusher.close();
            pusher.pushNow();
        }
        if (serving != null) {
            awaitFinalScrape(serving);
            serving.close();
        }

    }

    private void awaitFinalScrape(MetricsServer serving) {
        long seen = serving.scrapes();
        long grace = settings.gracePeriod().toNanos();
        if (seen == 0 && System.nanoTime() - servingSince >= grace) {
            // Served longer than the grace period and never scraped: no scraper is waiting for
            // the last state. A shorter run may simply have ended before the first scrape.
            return;
        }
        long deadline = System.nanoTime() + grace;
        try {
            // A scrape that started before the end may be answered after it, with the old state:
            // wait for one that started after the end.
            while (serving.lastServed() <= seen && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(50, Math.max(1, settings.gracePeriod().toMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("stopped serving metrics after {} scrapes", serving.scrapes());
    }

    /** Timeouts and grace periods are short and positive; used by the builder's checks. */
    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    static URI gateway(URI value) {
        Objects.requireNonNull(value, "pushgateway");
        if (!"http".equals(value.getScheme()) && !"https".equals(value.getScheme()) || value.getHost() == null) {
            throw new IllegalArgumentException("pushgateway must be an http(s) URL with a host, but was " + value);
        }
        return value;
    }
}
