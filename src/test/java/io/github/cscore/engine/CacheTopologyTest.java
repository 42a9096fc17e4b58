package io.github.cscore.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class CacheTopologyTest {

    private static final String AMD = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n";
    private static final String INTEL = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n";

    @Test
    void amdCpuWithoutCacheFolderIsHidden(@TempDir Path root) throws IOException {
        Path cpus = cpus(root, false);

        assertTrue(CacheTopology.isHidden(cpus, cpuinfo(root, AMD)));
    }

    @Test
    void amdCpuWithCacheFolderIsNotHidden(@TempDir Path root) throws IOException {
        Path cpus = cpus(root, true);

        assertFalse(CacheTopology.isHidden(cpus, cpuinfo(root, AMD)));
    }

    @Test
    void intelCpuWithoutCacheFolderIsNotHiddenBecauseOneDnnFallsBackToDefaultsThere(@TempDir Path root)
            throws IOException {
        Path cpus = cpus(root, false);

        assertFalse(CacheTopology.isHidden(cpus, cpuinfo(root, INTEL)));
    }

    @Test
    void machineWithoutSysfsSaysNothing(@TempDir Path root) throws IOException {
        assertFalse(CacheTopology.isHidden(root.resolve("no-sys"), cpuinfo(root, AMD)));
    }

    @Test
    void unreadableCpuinfoSaysNothing(@TempDir Path root) throws IOException {
        assertFalse(CacheTopology.isHidden(cpus(root, false), root.resolve("no-cpuinfo")));
    }

    private static Path cpus(Path root, boolean withCache) throws IOException {
        Path cpu0 = Files.createDirectories(root.resolve("cpu/cpu0"));
        if (withCache) {
            Files.createDirectories(cpu0.resolve("cache/index0"));
        }
        return root.resolve("cpu");
    }

    private static Path cpuinfo(Path root, String text) throws IOException {
        return Files.writeString(root.resolve("cpuinfo"), text);
    }
}
