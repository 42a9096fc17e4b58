package io.github.cscore.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.export.CScoreExporter;

import org.junit.jupiter.api.Test;

/** cscore_build_info names the software a run measured with, read without loading the engine. */
class BuildInfoTest {

    @Test
    void theBuildIsThisProjectsVersionDjlsAndTheEnginesFromTheirJars() {
        BuildInfo build = BuildInfo.current();

        assertTrue(build.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), build.version());
        assertEquals("0.36.0", build.djlVersion());
        assertEquals("PyTorch", build.engine());
        assertEquals("2.7.1", build.engineVersion());
    }

    @Test
    void everyExporterServesItAsAnInfoSeriesWithTheRunAndModel() {
        BuildInfo build = BuildInfo.current();
        try (CScoreExporter exporter = CScoreExporter.builder().optNoServer().build().start("r1", "m")) {

            String scrape = exporter.scrape();

            assertTrue(scrape.contains("\n" + CScoreMeters.BUILD_INFO.prometheusName() + "{djl_version=\"0.36.0\","
                    + "engine=\"PyTorch\",engine_version=\"2.7.1\",model=\"m\",run=\"r1\",version=\"" + build.version()
                    + "\"} 1"), scrape);
        }
    }
}
