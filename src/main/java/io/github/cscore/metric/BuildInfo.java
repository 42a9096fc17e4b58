package io.github.cscore.metric;

import ai.djl.engine.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * The software a run measured with, as {@code cscore_build_info} labels it: the cscore version,
 * DJL's, and the default engine's name and version, read from the jars' own files without loading
 * the engine's native library. What cannot be read is {@value #UNKNOWN}.
 *
 * @param version the cscore version, such as {@code 0.1.0-SNAPSHOT}
 * @param djlVersion the DJL version, such as {@code 0.36.0}
 * @param engine the default engine's name, such as {@code PyTorch}
 * @param engineVersion the engine's version, such as {@code 2.7.1}
 */
public record BuildInfo(String version, String djlVersion, String engine, String engineVersion) {

    /** What a version that cannot be read is reported as. */
    public static final String UNKNOWN = "unknown";

    /**
     * Checks the components.
     *
     * @param version not null
     * @param djlVersion not null
     * @param engine not null
     * @param engineVersion not null
     */
    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(djlVersion, "djlVersion");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineVersion, "engineVersion");
    }

    /**
     * Returns the software of this process.
     *
     * @return the build information
     */
    public static BuildInfo current() {
        String engine;
        try {
            engine = Engine.getDefaultEngineName();
        } catch (RuntimeException e) {
            engine = UNKNOWN;
        }
        return new BuildInfo(property(BuildInfo.class, "build.properties", "version"), readDjlVersion(), engine,
                property(Engine.class, "/" + engine.toLowerCase(Locale.ROOT) + "-engine.properties",
                        engine.toLowerCase(Locale.ROOT) + "_version"));
    }

    private static String readDjlVersion() {
        try {
            String version = Engine.getDjlVersion();
            return version == null || version.isBlank() ? UNKNOWN : version;
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static String property(Class<?> anchor, String resource, String key) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key, UNKNOWN).strip();
            return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
