package io.github.cscore.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Apache ECharts (Apache License 2.0), read from its WebJar ({@code org.webjars.npm:echarts}) to be
 * inlined into the report: one file, no network, no server.
 */
final class ECharts {

    /** The WebJar's version; the pom pins the same. */
    static final String VERSION = "5.3.1";
    private static final String RESOURCE = "/META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private ECharts() {}

    /**
     * Returns the minified library.
     *
     * @return its source
     * @throws IllegalStateException if the WebJar is not on the class path
     */
    static String script() {
        try (InputStream in = ECharts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ECharts " + VERSION + " is not on the class path (" + RESOURCE
                        + "); the report needs the org.webjars.npm:echarts dependency");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
