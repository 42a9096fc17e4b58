package io.github.cscore.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Tells whether this machine shows the cause of the oneDNN fault: an AMD CPU whose cache
 * topology (CPUID leaf 0x8000001D) is blank, as some hypervisors leave it. oneDNN 3.7's CPU
 * detection then takes every data cache to be 1 byte (docs/engine.md). Linux reads the same leaf
 * for {@code /sys/devices/system/cpu/cpu0/cache}, so a missing folder there is the visible sign;
 * Java cannot execute CPUID itself.
 */
final class CacheTopology {

    static final Path CPUS = Path.of("/sys/devices/system/cpu");
    static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CacheTopology() {}

    static boolean isHidden() {
        return isHidden(CPUS, CPUINFO);
    }

    /**
     * True if CPU 0 is listed but has no cache folder and the CPU is AMD's. A machine without
     * {@code /sys} (or {@code /proc}) at all says nothing, and counts as not hidden.
     */
    static boolean isHidden(Path cpus, Path cpuinfo) {
        return Files.isDirectory(cpus.resolve("cpu0"))
                && !Files.isDirectory(cpus.resolve("cpu0").resolve("cache"))
                && isAmd(cpuinfo);
    }

    private static boolean isAmd(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.anyMatch(line -> line.startsWith("vendor_id") && line.contains("AuthenticAMD"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
