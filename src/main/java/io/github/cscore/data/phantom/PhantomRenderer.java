package io.github.cscore.data.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Draws one phantom: anatomy from {@link PhantomAnatomy}, then for PNEUMONIA one to three
 * opacities inside the lungs, then the optional shortcut marker, then brightness variation and
 * Gaussian noise.
 */
final class PhantomRenderer {

    private static final double AIR = 0.04;
    private static final double SOFT_TISSUE = 0.42;
    private static final double LUNG_AIR = 0.27;
    private static final double MARKER = 0.97;

    private final int size;
    private final double noiseLevel;
    private final double minRadius;
    private final double maxRadius;

    /** The rendered pixels and what was placed where. */
    record Rendered(byte[] pixels, List<Opacity> opacities, Optional<Box> marker) {}

    PhantomRenderer(int size, double noiseLevel, double minRadius, double maxRadius) {
        this.size = size;
        this.noiseLevel = noiseLevel;
        this.minRadius = minRadius;
        this.maxRadius = maxRadius;
    }

    Rendered render(Random rng, boolean pneumonia, boolean marker) {
        PhantomAnatomy anatomy = new PhantomAnatomy(rng);
        double[] lungs = new double[size * size];
        float[] canvas = drawAnatomy(anatomy, lungs);
        List<Opacity> opacities = new ArrayList<>();
        if (pneumonia) {
            int count = opacityCount(rng);
            for (int i = 0; i < count; i++) {
                opacities.add(drawOpacity(rng, anatomy, lungs, canvas));
            }
        }
        Optional<Box> markerBox = marker ? Optional.of(drawMarker(rng, canvas)) : Optional.empty();
        byte[] pixels = new byte[canvas.length];
        for (int i = 0; i < canvas.length; i++) {
            double value = anatomy.gain * canvas[i] + anatomy.bias + noiseLevel * rng.nextGaussian();
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(value * 255)));
        }
        return new Rendered(pixels, List.copyOf(opacities), markerBox);
    }

    /** Draws the anatomy; fills {@code lungs} with how much visible lung each pixel shows. */
    private float[] drawAnatomy(PhantomAnatomy a, double[] lungs) {
        float[] canvas = new float[size * size];
        for (int y = 0; y < size; y++) {
            double v = (y + 0.5) / size;
            for (int x = 0; x < size; x++) {
                double u = (x + 0.5) / size;
                double body = a.body(u, v);
                double heart = a.heart(u, v);
                double lung = Math.max(a.lung(u, v, true), a.lung(u, v, false)) * (1 - heart) * body;
                // The texture only shows inside the lungs; skipping it elsewhere halves the cost.
                double texture = lung > 1e-3 ? a.lungTexture(u, v) : 0;
                double value = AIR + SOFT_TISSUE * body
                        - LUNG_AIR * lung * (1 - 0.12 * texture)
                        + 0.14 * a.spine(u, v) * body + 0.08 * heart * body
                        + 0.16 * a.clavicles(u, v) * body
                        + 0.08 * a.ribs(u, v) * body * (0.3 + 0.7 * lung);
                canvas[y * size + x] = (float) value;
                lungs[y * size + x] = lung;
            }
        }
        return canvas;
    }

    /** One opacity in 50% of PNEUMONIA images, two in 35%, three in 15%. */
    private static int opacityCount(Random rng) {
        double p = rng.nextDouble();
        return p < 0.5 ? 1 : p < 0.85 ? 2 : 3;
    }

    /**
     * Adds a patchy consolidation of three Gaussian lobes around a centre drawn uniformly inside
     * one lung, confined to the lung, and returns where it is.
     */
    private Opacity drawOpacity(Random rng, PhantomAnatomy a, double[] lungs, float[] canvas) {
        boolean right = rng.nextBoolean();
        double radius = minRadius + (maxRadius - minRadius) * rng.nextDouble();
        double amplitude = 0.22 + 0.12 * rng.nextDouble();
        double[][] lobes = lobes(rng, centreInLung(rng, a, right, lungs), radius);
        double[] added = new double[canvas.length];
        double peak = 0;
        int[] window = window(lobes);
        for (int y = window[1]; y <= window[3]; y++) {
            for (int x = window[0]; x <= window[2]; x++) {
                int i = y * size + x;
                double field = lobeField(lobes, (x + 0.5) / size, (y + 0.5) / size);
                added[i] = amplitude * Math.min(1, field) * lungs[i];
                peak = Math.max(peak, added[i]);
            }
        }
        for (int i = 0; i < canvas.length; i++) {
            canvas[i] += (float) added[i];
        }
        Opacity.Lung lung = right ? Opacity.Lung.RIGHT : Opacity.Lung.LEFT;
        return new Opacity(lung, boxAbove(added, peak / 4));
    }

    /** Three lobes, each (u, v, radius): one at the centre, two scattered around it. */
    private static double[][] lobes(Random rng, double[] centre, double radius) {
        double[][] lobes = new double[3][];
        for (int k = 0; k < lobes.length; k++) {
            double spread = k == 0 ? 0 : 0.45 * radius;
            lobes[k] = new double[] {
                centre[0] + spread * rng.nextGaussian(),
                centre[1] + spread * rng.nextGaussian(),
                radius * (0.55 + 0.35 * rng.nextDouble())
            };
        }
        return lobes;
    }

    /**
     * The pixels (x0, y0, x1, y1), inclusive, within five standard deviations of a lobe: beyond
     * them a lobe adds less than 4e-6 of its peak, so the rest of the image is skipped.
     */
    private int[] window(double[][] lobes) {
        double minU = 1;
        double maxU = 0;
        double minV = 1;
        double maxV = 0;
        for (double[] lobe : lobes) {
            double reach = 5 * lobe[2] / 1.5;
            minU = Math.min(minU, lobe[0] - reach);
            maxU = Math.max(maxU, lobe[0] + reach);
            minV = Math.min(minV, lobe[1] - reach);
            maxV = Math.max(maxV, lobe[1] + reach);
        }
        return new int[] {
            Math.max(0, (int) Math.floor(minU * size)), Math.max(0, (int) Math.floor(minV * size)),
            Math.min(size - 1, (int) Math.ceil(maxU * size)),
            Math.min(size - 1, (int) Math.ceil(maxV * size))
        };
    }

    /** The summed Gaussian lobes at one point; each lobe is (u, v, radius). */
    private static double lobeField(double[][] lobes, double u, double v) {
        double field = 0;
        for (double[] lobe : lobes) {
            double du = u - lobe[0];
            double dv = v - lobe[1];
            double sigma = lobe[2] / 1.5;
            field += StrictMath.exp(-(du * du + dv * dv) / (2 * sigma * sigma));
        }
        return field;
    }

    /** Draws a centre inside the lung's inner three quarters where the lung is clearly visible. */
    private double[] centreInLung(Random rng, PhantomAnatomy a, boolean right, double[] lungs) {
        double[] point = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            double r = 0.75 * Math.sqrt(rng.nextDouble());
            point = a.lungPoint(right, r, 2 * Math.PI * rng.nextDouble());
            int x = Math.min(size - 1, Math.max(0, (int) (point[0] * size)));
            int y = Math.min(size - 1, Math.max(0, (int) (point[1] * size)));
            if (lungs[y * size + x] > 0.7) {
                return point;
            }
        }
        return point;
    }

    /** The smallest box holding every pixel whose value reaches {@code threshold}. */
    private Box boxAbove(double[] values, double threshold) {
        int x0 = size;
        int y0 = size;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= threshold && values[i] > 0) {
                int x = i % size;
                int y = i / size;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
            }
        }
        return new Box(x0, y0, x1 + 1, y1 + 1);
    }

    /**
     * Draws a radiographer's lead letter "L" in the top-left corner (outside the body), as bright
     * as metal, with a jitter of a few pixels.
     */
    private Box drawMarker(Random rng, float[] canvas) {
        int side = Math.max(4, (int) Math.round(0.08 * size));
        int bar = Math.max(1, side / 3);
        int x0 = (int) Math.round(0.04 * size) + rng.nextInt(Math.max(1, size / 32) + 1);
        int y0 = (int) Math.round(0.04 * size) + rng.nextInt(Math.max(1, size / 32) + 1);
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                boolean stem = x < x0 + bar;
                boolean foot = y >= y0 + side - bar;
                if (stem || foot) {
                    canvas[y * size + x] = (float) MARKER;
                }
            }
        }
        return new Box(x0, y0, x0 + side, y0 + side);
    }
}
