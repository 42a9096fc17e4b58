package io.github.cscore.testing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/** Debian's headless Chromium, run once per call with a profile of its own. */
public final class Chromium {

    /** Where Debian installs it. */
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 180;

    private final Path profile;

    /**
     * A browser with its profile in a folder of its own.
     *
     * @param profile the profile folder, whose parent takes the browser's output files
     */
    public Chromium(Path profile) {
        this.profile = profile;
    }

    /**
     * Tells whether the browser is installed.
     *
     * @return true if it is
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Returns the DOM after the page's scripts ran.
     *
     * @param html the page
     * @param width the window width
     * @param height the window height
     * @return the serialised DOM
     * @throws IOException if the browser fails
     * @throws InterruptedException if interrupted
     */
    public String dumpDom(Path html, int width, int height) throws IOException, InterruptedException {
        return run(html, width, height, "--dump-dom");
    }

    /**
     * Writes a PNG of the top {@code width x height} pixels of the page.
     *
     * @param html the page
     * @param png the file to write
     * @param width the window width
     * @param height the window height
     * @throws IOException if the browser fails
     * @throws InterruptedException if interrupted
     */
    public void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        run(html, width, height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    /**
     * Writes a screenshot as a 256-colour PNG, narrowed step by step until it is under a size:
     * small enough for the docs, still legible.
     *
     * @param full the screenshot
     * @param png the file to write
     * @param maxBytes the most bytes the file may have
     * @throws IOException if a file cannot be read or written
     */
    public static void shrink(Path full, Path png, long maxBytes) throws IOException {
        BufferedImage image = ImageIO.read(full.toFile());
        Files.createDirectories(png.toAbsolutePath().getParent());
        for (int width = image.getWidth(); ; width = width * 9 / 10) {
            int height = Math.round(image.getHeight() * (float) width / image.getWidth());
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
            Graphics2D graphics = small.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, width, height, null);
            graphics.dispose();
            ImageIO.write(small, "png", png.toFile());
            if (Files.size(png) < maxBytes) {
                return;
            }
        }
    }

    private String run(Path html, int width, int height, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files", "--user-data-dir=" + profile.toAbsolutePath(),
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
