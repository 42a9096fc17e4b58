package io.github.cscore.data.phantom;

import java.util.Random;

/**
 * The body of one phantom in unit coordinates (u across, v down, both 0 to 1), with the
 * per-patient variation drawn from a seeded generator: position, size, lung shape, brightness and
 * lung texture.
 *
 * <p>It answers, for any point, how much of each structure is there (soft masks from 0 to 1),
 * which {@link PhantomRenderer} turns into brightness. Drawn identically for both classes, so the
 * anatomy itself carries no label information.
 */
final class PhantomAnatomy {

    private static final int RIBS_PER_SIDE = 9;
    private static final int TEXTURE_WAVES = 6;

    final double cx;
    final double dy;
    final double scale;
    final double lungWidth;
    final double lungHeight;
    final double gain;
    final double bias;
    final double ribSpacing;
    private final double[][] texture = new double[TEXTURE_WAVES][];

    PhantomAnatomy(Random rng) {
        cx = 0.5 + 0.02 * gauss(rng);
        dy = 0.02 * gauss(rng);
        scale = 1 + 0.05 * gauss(rng);
        lungWidth = 1 + 0.06 * gauss(rng);
        lungHeight = 1 + 0.06 * gauss(rng);
        gain = 1 + 0.08 * gauss(rng);
        bias = 0.03 * gauss(rng);
        ribSpacing = 0.052 * (1 + 0.04 * gauss(rng));
        for (int k = 0; k < TEXTURE_WAVES; k++) {
            double frequency = 5 + 9 * rng.nextDouble();
            double angle = Math.PI * rng.nextDouble();
            texture[k] = new double[] {
                frequency * StrictMath.cos(angle), frequency * StrictMath.sin(angle),
                2 * Math.PI * rng.nextDouble()
            };
        }
    }

    /** A standard normal value clipped to [-2.5, 2.5], so no patient is absurdly shaped. */
    private static double gauss(Random rng) {
        return Math.max(-2.5, Math.min(2.5, rng.nextGaussian()));
    }

    /**
     * The torso and neck, as X-ray path length: 0 outside, up to 1 along the midline, thinner
     * towards the flanks as through a cylinder.
     */
    double body(double u, double v) {
        double du = (u - cx) / (0.44 * scale);
        double q = power2point5(du) + power2point5((v - 0.64 - dy) / (0.58 * scale));
        double torso = soft(1 - q, 0.05);
        double neck = soft(0.085 * scale - Math.abs(u - cx), 0.02) * soft(0.25 - v, 0.05);
        double thickness = 0.65 + 0.35 * Math.sqrt(Math.max(0, 1 - du * du));
        return Math.max(torso * thickness, 0.8 * neck);
    }

    /**
     * How much of a lung field a point shows: narrow at the apex, widest at the base, with a
     * soft border. {@code right} is the patient's right, on the image's left.
     */
    double lung(double u, double v, boolean right) {
        return soft(1 - lungDistance(u, v, right), 0.08);
    }

    /** Squared shape distance from a lung's centre: below 1 inside the lung. */
    double lungDistance(double u, double v, boolean right) {
        double side = right ? -1 : 1;
        double a = (right ? 0.13 : 0.125) * scale * lungWidth;
        double b = (right ? 0.25 : 0.24) * scale * lungHeight;
        double centreV = (right ? 0.47 : 0.46) + dy;
        double depth = Math.max(0, Math.min(1, (v - centreV + b) / (2 * b)));
        double du = (u - cx - side * 0.18 * scale) / (a * (0.7 + 0.4 * depth));
        double dv = (v - centreV) / b;
        return du * du + dv * dv;
    }

    /** Brightness variation inside the lungs: vessels fanning from the hila, as a few waves. */
    double lungTexture(double u, double v) {
        double sum = 0;
        for (double[] wave : texture) {
            sum += StrictMath.cos(2 * Math.PI * (wave[0] * u + wave[1] * v) + wave[2]);
        }
        double hilum = StrictMath.exp(-square(Math.abs(u - cx) - 0.1 * scale) / 0.002)
                * StrictMath.exp(-square(v - 0.45 - dy) / 0.01);
        return sum / TEXTURE_WAVES + hilum;
    }

    /** A point of a lung at elliptical coordinates (radius fraction {@code r}, angle {@code t}). */
    double[] lungPoint(boolean right, double r, double t) {
        double side = right ? -1 : 1;
        double a = (right ? 0.13 : 0.125) * scale * lungWidth;
        double b = (right ? 0.25 : 0.24) * scale * lungHeight;
        return new double[] {
            cx + side * 0.18 * scale + r * a * StrictMath.cos(t),
            (right ? 0.47 : 0.46) + dy + r * b * StrictMath.sin(t)
        };
    }

    /** The heart shadow: a soft oval bulging from the mediastinum to the patient's left. */
    double heart(double u, double v) {
        double du = (u - cx - 0.06 * scale) / (0.135 * scale);
        double dv = (v - 0.62 - dy) / (0.12 * scale);
        return soft(1 - (du * du + dv * dv), 0.3);
    }

    /** The mediastinum and spine: a vertical band with faint vertebral texture. */
    double spine(double u, double v) {
        double band = soft(1 - Math.abs(u - cx) / (0.045 * scale), 0.2);
        double extent = soft((v - 0.12) / 0.03, 1) * soft((0.97 - v) / 0.03, 1);
        return band * extent * (0.85 + 0.15 * StrictMath.cos(2 * Math.PI * (v - dy) / 0.045));
    }

    /** The two clavicles, slightly rising towards the shoulders. */
    double clavicles(double u, double v) {
        double d = Math.abs(u - cx);
        if (d < 0.03 || d > 0.27 * scale) {
            return 0;
        }
        double centre = 0.21 + dy - 0.12 * (d - 0.03);
        return ridge(v - centre, 0.010);
    }

    /**
     * The posterior ribs: from the spine each rib rises a little, then arcs down towards the
     * chest wall.
     */
    double ribs(double u, double v) {
        double d = Math.abs(u - cx);
        if (d < 0.04 || d > 0.38 * scale) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < RIBS_PER_SIDE; i++) {
            double start = 0.24 + dy + i * ribSpacing * lungHeight;
            double offset = v - (start - 0.35 * d + 1.6 * d * d);
            if (Math.abs(offset) < 0.04) {
                sum += ridge(offset, 0.009);
            }
        }
        return Math.min(1, sum) * soft((0.38 * scale - d) / 0.05, 1);
    }

    private static double ridge(double offset, double sigma) {
        return StrictMath.exp(-offset * offset / (2 * sigma * sigma));
    }

    /** |x| to the power 2.5, from a square root (exact in IEEE arithmetic, unlike pow). */
    private static double power2point5(double x) {
        double a = Math.abs(x);
        return a * a * Math.sqrt(a);
    }

    private static double square(double x) {
        return x * x;
    }

    /** A smooth step from 0 (x well below 0) to 1 (x well above 0) over about {@code width}. */
    static double soft(double x, double width) {
        return 1 / (1 + StrictMath.exp(-x / (0.25 * width)));
    }
}
