package io.github.cscore.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link MetricsServer} answers to one request head: {@code GET} or {@code HEAD} of {@code
 * /metrics} (with basic authentication when set) scrapes the registry in the format the {@code
 * Accept} header asks for; anything else gets 400, 401, 404 or 405. Scrapes are numbered as they
 * start, and a scrape counts as served once its answer has been written in full.
 */
final class MetricsExchange {

    /**
     * An answer, whole, and the number of the scrape it carries.
     *
     * @param bytes the status line, headers and body
     * @param scrape the scrape's start number, or 0 when it is no scrape
     */
    record Answer(ByteBuffer bytes, long scrape) {}

    private final PrometheusMeterRegistry registry;
    private final String authorization;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong lastServed = new AtomicLong();

    /**
     * @param registry what a scrape reads
     * @param authorization the expected {@code Authorization} header value, or null for none
     */
    MetricsExchange(PrometheusMeterRegistry registry, String authorization) {
        this.registry = registry;
        this.authorization = authorization;
    }

    long started() {
        return started.get();
    }

    long lastServed() {
        return lastServed.get();
    }

    /** A scrape's answer has been written in full. */
    void served(long scrape) {
        if (scrape > 0) {
            lastServed.accumulateAndGet(scrape, Math::max);
        }
    }

    /** Tells whether the bytes read so far (up to the buffer's position) end a request head. */
    static boolean headComplete(ByteBuffer read) {
        for (int i = 1; i < read.position(); i++) {
            if (read.get(i) == '\n' && (read.get(i - 1) == '\n'
                    || i >= 2 && read.get(i - 1) == '\r' && read.get(i - 2) == '\n')) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a complete request head (the buffer's bytes up to its position). */
    Answer answer(ByteBuffer read) {
        String[] lines = new String(read.array(), 0, read.position(), StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            return new Answer(response("400 Bad Request", Map.of(), new byte[0], 0), 0);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        String method = requestLine[0];
        String path = requestLine[1].replaceFirst("\\?.*", "");
        if (!path.equals("/metrics")) {
            return new Answer(response("404 Not Found", Map.of(), new byte[0], 0), 0);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Answer(response("405 Method Not Allowed", Map.of("Allow", "GET, HEAD"), new byte[0], 0), 0);
        }
        if (authorization != null && !authorized(headers.get("authorization"))) {
            return new Answer(response("401 Unauthorized", Map.of("WWW-Authenticate", "Basic realm=\"cscore\""),
                    new byte[0], 0), 0);
        }
        long number = started.incrementAndGet();
        String accept = headers.get("accept");
        String type = accept != null && accept.contains("application/openmetrics-text")
                ? MetricsServer.OPENMETRICS : MetricsServer.TEXT;
        byte[] body = registry.scrape(type).getBytes(StandardCharsets.UTF_8);
        return new Answer(response("200 OK", Map.of("Content-Type", type), method.equals("HEAD") ? new byte[0] : body,
                body.length), number);
    }

    /** Compares the credentials in constant time. */
    private boolean authorized(String given) {
        return given != null && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer response(String status, Map<String, String> headers, byte[] body, int length) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(start.length + body.length).put(start).put(body).flip();
    }
}
