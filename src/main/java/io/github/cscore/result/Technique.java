package io.github.cscore.result;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CAM technique's identity: the label used in metrics, files and the command line, and the name
 * shown to people. A value: two techniques with the same label are equal, whichever code made
 * them, so a file naming a technique reads the same whether or not its implementation is loaded.
 *
 * <p>The six techniques of the paper are the constants, in the order of {@link #builtIns()}. A
 * technique of one's own is one file, its implementation ({@code io.github.cscore.cam.CamTechnique}),
 * which names its identity with {@link #of}:
 *
 * <pre>{@code
 * public final class XGradCam extends ChannelWeightedCam {
 *     public static final Technique TECHNIQUE = Technique.of("xgradcam", "XGrad-CAM");
 *     public Technique technique() { return TECHNIQUE; }
 *     protected NDArray channelWeights(TapArrays tap, CamContext context) { ... }
 * }
 * }</pre>
 *
 * and is enabled by handing the monitor that implementation ({@code optImplementation(new
 * XGradCam())}). Techniques order the built-ins first, in paper order, then the others by label.
 */
public final class Technique implements Comparable<Technique> {

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");

    /** Grad-CAM: channel weights are the spatial mean of the gradients. */
    public static final Technique GRAD_CAM = new Technique("gradcam", "GradCAM", 0);
    /** Grad-CAM++: channel weights from positive gradients weighted by alpha. */
    public static final Technique GRAD_CAM_PLUS_PLUS = new Technique("gradcampp", "GradCAM++", 1);
    /** LayerCAM: element-wise positive gradients times activations. */
    public static final Technique LAYER_CAM = new Technique("layercam", "LayerCAM", 2);
    /** Eigen-CAM: the first principal component of the activations; class-agnostic. */
    public static final Technique EIGEN_CAM = new Technique("eigencam", "EigenCAM", 3);
    /** Score-CAM: channel weights from the target logit of channel-masked inputs. */
    public static final Technique SCORE_CAM = new Technique("scorecam", "ScoreCAM", 4);
    /** Multi-scale Grad-CAM++: Grad-CAM++ at several taps, fused. */
    public static final Technique MS_GRAD_CAM_PLUS_PLUS = new Technique("msgradcampp", "MS GradCAM++", 5);

    private static final List<Technique> BUILT_INS =
            List.of(GRAD_CAM, GRAD_CAM_PLUS_PLUS, LAYER_CAM, EIGEN_CAM, SCORE_CAM, MS_GRAD_CAM_PLUS_PLUS);
    /** The rank of every technique that is not built in: after the six. */
    private static final int OWN = BUILT_INS.size();

    private final String label;
    private final String displayName;
    private final int rank;

    private Technique(String label, String displayName, int rank) {
        this.label = label;
        this.displayName = displayName;
        this.rank = rank;
    }

    /**
     * Names a technique of one's own.
     *
     * @param label a lower-case label: a letter, then letters, digits or {@code _}; not a
     *     built-in's
     * @param displayName the name shown in reports and tables
     * @return the technique
     * @throws IllegalArgumentException if the label is malformed or a built-in's
     */
    public static Technique of(String label, String displayName) {
        Objects.requireNonNull(displayName, "displayName");
        requireLabel(label);
        for (Technique builtIn : BUILT_INS) {
            if (builtIn.label.equals(label)) {
                throw new IllegalArgumentException("technique label '" + label + "' is a built-in's; use Technique."
                        + builtIn.displayName + " or choose another label");
            }
        }
        return new Technique(label, displayName, OWN);
    }

    /**
     * Returns the six techniques of the paper, in their order.
     *
     * @return the built-in techniques
     */
    public static List<Technique> builtIns() {
        return BUILT_INS;
    }

    /**
     * Finds a built-in technique by its label or display name, ignoring case and {@code _}.
     *
     * @param name a label such as {@code scorecam} or a display name such as {@code ScoreCAM}
     * @return the technique
     * @throws IllegalArgumentException if no built-in technique has that name
     */
    public static Technique fromLabel(String name) {
        String wanted = String.valueOf(name).replace("_", "");
        for (Technique technique : BUILT_INS) {
            if (technique.label.equalsIgnoreCase(wanted) || technique.displayName.equalsIgnoreCase(name)) {
                return technique;
            }
        }
        throw new IllegalArgumentException("unknown technique '" + name + "'; known: "
                + BUILT_INS.stream().map(Technique::label).toList());
    }

    /**
     * Returns the technique a file names: the built-in of that label, or an identity of one's own
     * whose display name is its label, so that a timeline written with a technique of one's own
     * reads the same where its code is absent.
     *
     * @param label the label found in a file
     * @return the technique
     * @throws IllegalArgumentException if the label is malformed
     */
    public static Technique recorded(String label) {
        requireLabel(label);
        for (Technique builtIn : BUILT_INS) {
            if (builtIn.label.equals(label)) {
                return builtIn;
            }
        }
        return new Technique(label, label, OWN);
    }

    private static void requireLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a technique label must be a lower-case letter followed by letters, "
                    + "digits or '_', but was '" + label + "'");
        }
    }

    /**
     * Tells whether this is one of the paper's six.
     *
     * @return true for a built-in technique
     */
    public boolean isBuiltIn() {
        return rank < OWN;
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
     * Orders the built-ins first, in paper order, then the others by label.
     *
     * @param other another technique
     * @return negative, zero or positive as this one comes before, with, or after the other
     */
    @Override
    public int compareTo(Technique other) {
        int byRank = Integer.compare(rank, other.rank);
        return byRank != 0 ? byRank : label.compareTo(other.label);
    }

    /**
     * Two techniques are equal when their labels are.
     *
     * @param other another object
     * @return true for a technique of the same label
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Technique technique && technique.label.equals(label);
    }

    /**
     * Hashes the label.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return label.hashCode();
    }

    /**
     * Returns the label.
     *
     * @return the label
     */
    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
