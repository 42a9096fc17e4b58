package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

/** Durations in Prometheus' notation, read and written. */
class PrometheusContextTest {

    @ParameterizedTest
    @CsvSource({"30s, 30000, 30s", "5m, 300000, 5m", "1h30m, 5400000, 1h30m", "1500ms, 1500, 1s500ms",
        "1d, 86400000, 24h", "2m30s, 150000, 2m30s"})
    void readsPrometheusDurationsAndWritesThemBack(String text, long millis, String written) {
        Duration read = PrometheusContext.parseDuration("period", text);

        assertEquals(Duration.ofMillis(millis), read);
        assertEquals(written, PrometheusContext.duration(read));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m5", "5 m", "PT5M", "30s5m", "-5m"})
    void refusesAnythingElseNamingTheValue(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> PrometheusContext.parseDuration("period", text));

        assertEquals("period must be a duration such as 30s, 5m or 1h30m, but was '" + text + "'", e.getMessage());
    }
}
