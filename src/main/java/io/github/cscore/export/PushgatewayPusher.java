package io.github.cscore.export;

import io.github.cscore.storage.FileError;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes the registry to a Pushgateway (a PUT of the text format to {@code
 * /metrics/job/<job>/run/<run>}, replacing the group) under a Resilience4j retry (3 attempts,
 * exponential back-off) inside a circuit breaker (open after half of the last 4 pushes failed,
 * for 30 s), so a gateway that is down costs a few short timeouts and then nothing but a counted
 * failure. Pushes after checkpoints run on a daemon thread, the latest replacing any not yet
 * sent; the final push at the end waits for its answer.
 */
final class PushgatewayPusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushgatewayPusher.class);
    static final String BREAKER = "pushgateway";

    private final PrometheusMeterRegistry registry;
    private final URI target;
    private final Duration timeout;
    private final HttpClient client;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final ExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicBoolean logged = new AtomicBoolean();

    PushgatewayPusher(PrometheusMeterRegistry registry, URI gateway, String job, String run, Duration timeout,
            boolean resilienceMeters) {
        this.registry = registry;
        this.target = gateway.resolve("/metrics/job/" + encode(job) + "/run" + groupingValue(run));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2))
                .build());
        this.retry = retries.retry(BREAKER);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow(4, 2, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .build());
        this.breaker = breakers.circuitBreaker(BREAKER);
        if (resilienceMeters) {
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        }
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "cscore-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Pushes failed or refused by the open breaker. */
    long failures() {
        return failures.get();
    }

    /** Pushes that reached the gateway. */
    long successes() {
        return successes.get();
    }

    /** Schedules a push; one already waiting to be sent will carry the newest state anyway. */
    void pushLater() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                pushNow();
            });
        }
    }

    /** Pushes on this thread; a failure is counted and logged once, never thrown. */
    boolean pushNow() {
        try {
            breaker.executeRunnable(Retry.decorateRunnable(retry, this::put));
            successes.incrementAndGet();
            return true;
        } catch (CallNotPermittedException | UncheckedIOException | IllegalStateException e) {
            failures.incrementAndGet();
            if (logged.compareAndSet(false, true)) {
                LOG.warn("pushing metrics to {} failed: {} (counted in cscore_push_failures_total; further failures are "
                        + "logged at debug level)", target, e.getMessage());
            } else {
                LOG.debug("pushing metrics to {} failed", target, e);
            }
            return false;
        }
    }

    private void put() {
        byte[] body = registry.scrape(MetricsServer.TEXT).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", MetricsServer.TEXT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the Pushgateway at " + target + " answered " + response.statusCode()
                        + ": " + response.body().strip());
            }
        } catch (HttpTimeoutException e) {
            throw new UncheckedIOException("the Pushgateway at " + target + " did not answer within "
                    + seconds(timeout) + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the Pushgateway at " + target + ": " + FileError.message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing to " + target, e);
        }
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** A grouping-key value in the path; one holding a slash goes base64url-encoded, as the gateway expects. */
    private static String groupingValue(String value) {
        if (value.contains("/")) {
            return "@base64/" + java.util.Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        }
        return "/" + encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Waits for a push in flight, up to the timeout, then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() * 4, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
