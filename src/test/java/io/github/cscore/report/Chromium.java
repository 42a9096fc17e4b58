package io.github.cscore.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium, run once per call with a profile of its own. */
final class Chromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 180;

    private final Path profile;

    Chromium(Path profile) {
        this.profile = profile;
    }

    static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** The DOM after the page's scripts ran. */
    String dumpDom(Path html, int width, int height) throws IOException, InterruptedException {
        return run(html, width, height, "--dump-dom");
    }

    /** A PNG of the top {@code width x height} pixels of the page. */
    void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        run(html, width, height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(Path html, int width, int height, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--virtual-time-budget=10000", "--window-size=" + width + "," + height, action,
                html.toAbsolutePath().toUri().toString()));
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
