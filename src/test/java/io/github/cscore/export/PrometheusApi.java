package io.github.cscore.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of the Prometheus and Alertmanager HTTP APIs the integration test reads. */
final class PrometheusApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusApi() {}

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static String text(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The label sets and values of an instant query. */
    static List<Map<String, String>> query(String base, String promql) throws IOException, InterruptedException {
        JsonNode body = get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError(promql + ": " + body);
        }
        List<Map<String, String>> series = new ArrayList<>();
        for (JsonNode sample : body.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            sample.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            labels.put("__value__", sample.path("value").path(1).asText());
            series.add(labels);
        }
        return series;
    }

    /** The label sets of the alerts Alertmanager holds. */
    static List<Map<String, String>> alerts(String base) throws IOException, InterruptedException {
        List<Map<String, String>> alerts = new ArrayList<>();
        for (JsonNode alert : get(base + "/api/v2/alerts")) {
            Map<String, String> labels = new LinkedHashMap<>();
            alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            alerts.add(labels);
        }
        return alerts;
    }
}
