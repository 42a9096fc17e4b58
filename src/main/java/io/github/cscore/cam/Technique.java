package io.github.cscore.cam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A CAM technique's identity: the label used in metrics, files and the command line, the name
 * shown to people, and how to make its implementation.
 *
 * <p>The six techniques of the paper are the constants. A technique of one's own takes one file:
 * its {@link CamTechnique} implementation, which defines its identity once,
 *
 * <pre>{@code
 * public final class XGradCam extends ChannelWeightedCam {
 *     public static final Technique TECHNIQUE = Technique.define("xgradcam", "XGrad-CAM", XGradCam::new);
 *     public Technique technique() { return TECHNIQUE; }
 *     protected NDArray channelWeights(TapArrays tap, CamContext context) { ... }
 * }
 * }</pre>
 *
 * and is then enabled like any other: {@code optTechniques(Technique.GRAD_CAM, XGradCam.TECHNIQUE)}.
 * Techniques are ordered by definition (the six first, in the order below); two techniques are
 * equal only if they are the same object.
 */
public final class Technique implements Comparable<Technique> {

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Map<String, Technique> DEFINED = new LinkedHashMap<>();

    /** Grad-CAM: channel weights are the spatial mean of the gradients. */
    public static final Technique GRAD_CAM = define("gradcam", "GradCAM", GradCam::new);
    /** Grad-CAM++: channel weights from positive gradients weighted by alpha. */
    public static final Technique GRAD_CAM_PLUS_PLUS = define("gradcampp", "GradCAM++", GradCamPlusPlus::new);
    /** LayerCAM: element-wise positive gradients times activations. */
    public static final Technique LAYER_CAM = define("layercam", "LayerCAM", LayerCam::new);
    /** Eigen-CAM: the first principal component of the activations; class-agnostic. */
    public static final Technique EIGEN_CAM = define("eigencam", "EigenCAM", EigenCam::new);
    /** Score-CAM: channel weights from the target logit of channel-masked inputs. */
    public static final Technique SCORE_CAM =
            define("scorecam", "ScoreCAM", () -> new ScoreCam(ScoreCamConfig.ofDefaults()));
    /** Multi-scale Grad-CAM++: Grad-CAM++ at several taps, fused. */
    public static final Technique MS_GRAD_CAM_PLUS_PLUS =
            define("msgradcampp", "MS GradCAM++", MultiScaleGradCamPlusPlus::new);

    private static final Technique[] PAPER = {
        GRAD_CAM, GRAD_CAM_PLUS_PLUS, LAYER_CAM, EIGEN_CAM, SCORE_CAM, MS_GRAD_CAM_PLUS_PLUS
    };

    private final String label;
    private final String displayName;
    private final Supplier<? extends CamTechnique> implementation;
    private final int order;

    private Technique(String label, String displayName, Supplier<? extends CamTechnique> implementation, int order) {
        this.label = label;
        this.displayName = displayName;
        this.implementation = implementation;
        this.order = order;
    }

    /**
     * Defines a technique. Call it once, in a constant of the technique's implementation class.
     *
     * @param label a unique lower-case label: a letter, then letters, digits or {@code _}
     * @param displayName the name shown in reports and tables
     * @param implementation makes the default implementation
     * @return the technique
     * @throws IllegalArgumentException if the label is malformed or already defined
     */
    public static Technique define(String label, String displayName, Supplier<? extends CamTechnique> implementation) {
        Objects.requireNonNull(implementation, "implementation");
        return add(label, displayName, implementation);
    }

    private static synchronized Technique add(
            String label, String displayName, Supplier<? extends CamTechnique> implementation) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a technique label must be a lower-case letter followed by letters, "
                    + "digits or '_', but was '" + label + "'");
        }
        if (DEFINED.containsKey(label)) {
            throw new IllegalArgumentException("technique '" + label + "' is already defined");
        }
        Objects.requireNonNull(displayName, "displayName");
        Technique technique = new Technique(label, displayName, implementation, DEFINED.size());
        DEFINED.put(label, technique);
        return technique;
    }

    /**
     * Returns the six techniques of the paper, in their order.
     *
     * @return a new array of the built-in techniques
     */
    public static Technique[] values() {
        return PAPER.clone();
    }

    /**
     * Finds a defined technique by its label or display name, ignoring case.
     *
     * @param name a label such as {@code scorecam} or a display name such as {@code ScoreCAM}
     * @return the technique
     * @throws IllegalArgumentException if no technique has that name
     */
    public static synchronized Technique fromLabel(String name) {
        for (Technique technique : DEFINED.values()) {
            if (technique.label.equalsIgnoreCase(name) || technique.displayName.equalsIgnoreCase(name)
                    || technique.label.replace("_", "").equalsIgnoreCase(String.valueOf(name).replace("_", ""))) {
                return technique;
            }
        }
        List<String> known = new ArrayList<>(DEFINED.keySet());
        throw new IllegalArgumentException("unknown technique '" + name + "'; known: " + known);
    }

    /**
     * Finds the technique a file names, defining a record-only one if this process does not know
     * it: a timeline written with a technique of one's own can be read where that technique's code
     * is absent, but such a technique cannot be run.
     *
     * @param label the label found in a file
     * @return the technique
     * @throws IllegalArgumentException if the label is malformed
     */
    public static synchronized Technique recorded(String label) {
        Technique known = DEFINED.get(String.valueOf(label).toLowerCase(Locale.ROOT));
        return known != null ? known : add(label, label, null);
    }

    /**
     * Returns the short lower-case label used in metric labels, file names and the command line.
     *
     * @return the label, e.g. {@code gradcampp}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the name used in reports and tables.
     *
     * @return the display name, e.g. {@code GradCAM++}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Makes a new instance of the technique's default implementation.
     *
     * @return the implementation
     * @throws IllegalStateException for a technique only read from a file, whose code is absent
     */
    public CamTechnique newImplementation() {
        if (implementation == null) {
            throw new IllegalStateException("technique '" + label + "' was only read from a file; its "
                    + "implementation is not part of this program");
        }
        return implementation.get();
    }

    /**
     * Orders techniques by definition: the paper's six first.
     *
     * @param other another technique
     * @return negative, zero or positive as this one was defined before, is, or after the other
     */
    @Override
    public int compareTo(Technique other) {
        return Integer.compare(order, other.order);
    }

    /**
     * Returns the label.
     *
     * @return the label
     */
    @Override
    public String toString() {
        return label;
    }
}
