package io.github.cscore.cam;

import java.util.Arrays;

/** The six CAM techniques, with the label used in metrics and files. */
public enum Technique {
    /** Grad-CAM: channel weights are the spatial mean of the gradients. */
    GRAD_CAM("gradcam", "GradCAM", true),
    /** Grad-CAM++: channel weights from positive gradients weighted by alpha. */
    GRAD_CAM_PLUS_PLUS("gradcampp", "GradCAM++", true),
    /** LayerCAM: element-wise positive gradients times activations. */
    LAYER_CAM("layercam", "LayerCAM", true),
    /** Eigen-CAM: the first principal component of the activations; class-agnostic. */
    EIGEN_CAM("eigencam", "EigenCAM", false),
    /** Score-CAM: channel weights from the target logit of channel-masked inputs. */
    SCORE_CAM("scorecam", "ScoreCAM", false),
    /** Multi-scale Grad-CAM++: Grad-CAM++ at several taps, fused. */
    MS_GRAD_CAM_PLUS_PLUS("msgradcampp", "MS GradCAM++", true);

    private final String label;
    private final String displayName;
    private final boolean needsGradients;

    Technique(String label, String displayName, boolean needsGradients) {
        this.label = label;
        this.displayName = displayName;
        this.needsGradients = needsGradients;
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
     * Tells whether the technique needs gradients at its taps (a backward pass).
     *
     * @return true for the gradient-based techniques
     */
    public boolean needsGradients() {
        return needsGradients;
    }

    /**
     * Finds a technique by its label or display name, ignoring case.
     *
     * @param name a label such as {@code scorecam} or a display name such as {@code ScoreCAM}
     * @return the technique
     * @throws IllegalArgumentException if no technique has that name
     */
    public static Technique fromLabel(String name) {
        for (Technique technique : values()) {
            if (technique.label.equalsIgnoreCase(name)
                    || technique.displayName.equalsIgnoreCase(name)
                    || technique.name().equalsIgnoreCase(name)) {
                return technique;
            }
        }
        throw new IllegalArgumentException(
                "unknown technique '" + name + "'; known: "
                        + Arrays.stream(values()).map(Technique::label).toList());
    }
}
