package io.github.cscore.alert;

/**
 * The thresholds, windows and persistence of the built-in rules, shared by the in-process
 * detectors and the Prometheus rules rendered by {@link PrometheusRules}, so both mean the same.
 * Windows and persistence count checkpoints. Build with {@link #builder()}; {@link #ofDefaults()}
 * gives the defaults, chosen to stay quiet on the healthy demo run (docs/alerts.md shows how to
 * tune them).
 *
 * @param floor {@link RuleNames#BELOW_FLOOR}: a class C-Score below this fires
 * @param floorFor checkpoints in a row the score must stay below the floor
 * @param dropFraction {@link RuleNames#RELATIVE_DROP}: a fall by at least this fraction of the
 *     maximum over the window fires
 * @param dropWindow checkpoints (the latest included) the maximum is taken over
 * @param trendSlope {@link RuleNames#DOWN_TREND}: a least-squares slope per epoch below minus
 *     this fires
 * @param trendWindow checkpoints the slope is fitted over (all of them needed)
 * @param goldMinimum {@link RuleNames#GOLD_LIST_COLLAPSE}: a gold list smaller than this ...
 * @param goldAuc ... while the macro AUC is at least this fires
 * @param goldFor checkpoints in a row
 * @param flatShare {@link RuleNames#ATTRIBUTION_COLLAPSE}: a share of flat maps at least this,
 *     over a gold list of at least {@code goldMinimum}, fires
 * @param flatFor checkpoints in a row
 * @param maskedMacro {@link RuleNames#CLASS_MASKED}: a macro C-Score at least this ...
 * @param maskedWorst ... while the worst class is below this fires
 * @param maskedFor checkpoints in a row
 * @param dissociationDrop {@link RuleNames#AUC_DISSOCIATION}: a technique's macro C-Score fell
 *     by at least this fraction of its maximum over the window ...
 * @param aucTolerance ... while the macro AUC is at least its maximum over the window minus this
 * @param dissociationWindow checkpoints both maxima are taken over
 * @param failingSkips {@link RuleNames#TECHNIQUE_FAILING}: at least this many technique skips
 *     (error, timeout, circuit_open) ...
 * @param failingWindow ... within this many checkpoints fires
 * @param staleCheckpoints Prometheus only, {@link RuleNames#CHECKPOINT_STALE}: no checkpoint for
 *     this many checkpoint periods while training runs fires
 */
public record AlertThresholds(
        double floor,
        int floorFor,
        double dropFraction,
        int dropWindow,
        double trendSlope,
        int trendWindow,
        int goldMinimum,
        double goldAuc,
        int goldFor,
        double flatShare,
        int flatFor,
        double maskedMacro,
        double maskedWorst,
        int maskedFor,
        double dissociationDrop,
        double aucTolerance,
        int dissociationWindow,
        int failingSkips,
        int failingWindow,
        int staleCheckpoints) {

    /**
     * Checks every value.
     *
     * @param floor in [0, 1]
     * @param floorFor at least 1
     * @param dropFraction in (0, 1)
     * @param dropWindow at least 2
     * @param trendSlope positive
     * @param trendWindow at least 3
     * @param goldMinimum at least 1
     * @param goldAuc in [0, 1]
     * @param goldFor at least 1
     * @param flatShare in (0, 1]
     * @param flatFor at least 1
     * @param maskedMacro in [0, 1]
     * @param maskedWorst in [0, maskedMacro]
     * @param maskedFor at least 1
     * @param dissociationDrop in (0, 1)
     * @param aucTolerance in [0, 1)
     * @param dissociationWindow at least 2
     * @param failingSkips at least 1
     * @param failingWindow at least 1
     * @param staleCheckpoints at least 2
     * @throws IllegalArgumentException naming the first value out of range
     */
    public AlertThresholds {
        unit("floor", floor, 0, 1);
        atLeast("floorFor", floorFor, 1);
        open("dropFraction", dropFraction);
        atLeast("dropWindow", dropWindow, 2);
        if (!(trendSlope > 0) || Double.isInfinite(trendSlope)) {
            throw new IllegalArgumentException("trendSlope must be positive and finite, but was " + trendSlope);
        }
        atLeast("trendWindow", trendWindow, 3);
        atLeast("goldMinimum", goldMinimum, 1);
        unit("goldAuc", goldAuc, 0, 1);
        atLeast("goldFor", goldFor, 1);
        if (!(flatShare > 0 && flatShare <= 1)) {
            throw new IllegalArgumentException("flatShare must be in (0, 1], but was " + flatShare);
        }
        atLeast("flatFor", flatFor, 1);
        unit("maskedMacro", maskedMacro, 0, 1);
        unit("maskedWorst", maskedWorst, 0, maskedMacro);
        atLeast("maskedFor", maskedFor, 1);
        open("dissociationDrop", dissociationDrop);
        if (!(aucTolerance >= 0 && aucTolerance < 1)) {
            throw new IllegalArgumentException("aucTolerance must be in [0, 1), but was " + aucTolerance);
        }
        atLeast("dissociationWindow", dissociationWindow, 2);
        atLeast("failingSkips", failingSkips, 1);
        atLeast("failingWindow", failingWindow, 1);
        atLeast("staleCheckpoints", staleCheckpoints, 2);
    }

    /**
     * Returns the defaults (see {@link Builder} for each value).
     *
     * @return the default thresholds
     */
    public static AlertThresholds ofDefaults() {
        return builder().build();
    }

    /**
     * Creates a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the longest window any rule looks back over, in checkpoints.
     *
     * @return the window
     */
    public int longestWindow() {
        return Math.max(Math.max(dropWindow, trendWindow), Math.max(dissociationWindow, failingWindow));
    }

    private static void unit(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], but was " + value);
        }
    }

    private static void open(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), but was " + value);
        }
    }

    private static void atLeast(String name, int value, int low) {
        if (value < low) {
            throw new IllegalArgumentException(name + " must be at least " + low + ", but was " + value);
        }
    }

    /** Builds {@link AlertThresholds}, starting from the defaults. */
    public static final class Builder {

        /** Default floor: a class C-Score below this fires {@link RuleNames#BELOW_FLOOR}. */
        public static final double DEFAULT_FLOOR = 0.15;
        /** Default floorFor: checkpoints in a row below the floor. */
        public static final int DEFAULT_FLOOR_FOR = 2;
        /** Default dropFraction: fall, as a fraction of the recent maximum, that fires {@link RuleNames#RELATIVE_DROP}. */
        public static final double DEFAULT_DROP_FRACTION = 0.5;
        /** Default dropWindow: checkpoints the recent maximum is taken over, the latest included. */
        public static final int DEFAULT_DROP_WINDOW = 5;
        /** Default trendSlope: C-Score lost per epoch (least-squares slope) that fires {@link RuleNames#DOWN_TREND}. */
        public static final double DEFAULT_TREND_SLOPE = 0.08;
        /** Default trendWindow: checkpoints the slope is fitted over. */
        public static final int DEFAULT_TREND_WINDOW = 4;
        /** Default goldMinimum: gold-list size below which {@link RuleNames#GOLD_LIST_COLLAPSE} may fire (the C-Score's minimum gold size). */
        public static final int DEFAULT_GOLD_MINIMUM = 5;
        /** Default goldAuc: macro AUC at or above which a small gold list is a collapse rather than an untrained model. */
        public static final double DEFAULT_GOLD_AUC = 0.9;
        /** Default goldFor: checkpoints in a row for a gold-list collapse. */
        public static final int DEFAULT_GOLD_FOR = 2;
        /** Default flatShare: share of flat maps that fires {@link RuleNames#ATTRIBUTION_COLLAPSE}. */
        public static final double DEFAULT_FLAT_SHARE = 0.5;
        /** Default flatFor: checkpoints in a row for an attribution collapse. */
        public static final int DEFAULT_FLAT_FOR = 2;
        /** Default maskedMacro: macro C-Score at or above which the global score looks fine ({@link RuleNames#CLASS_MASKED}). */
        public static final double DEFAULT_MASKED_MACRO = 0.5;
        /** Default maskedWorst: worst-class C-Score below which that class is masked. */
        public static final double DEFAULT_MASKED_WORST = 0.2;
        /** Default maskedFor: checkpoints in a row for class masking. */
        public static final int DEFAULT_MASKED_FOR = 2;
        /** Default dissociationDrop: fall of a technique's macro C-Score, as a fraction of its recent maximum, that fires {@link RuleNames#AUC_DISSOCIATION}. */
        public static final double DEFAULT_DISSOCIATION_DROP = 0.4;
        /** Default aucTolerance: how far below its recent maximum the macro AUC may be and still count as steady. */
        public static final double DEFAULT_AUC_TOLERANCE = 0.02;
        /** Default dissociationWindow: checkpoints both recent maxima are taken over. */
        public static final int DEFAULT_DISSOCIATION_WINDOW = 5;
        /** Default failingSkips: technique skips (error, timeout, circuit_open) that fire {@link RuleNames#TECHNIQUE_FAILING}. */
        public static final int DEFAULT_FAILING_SKIPS = 2;
        /** Default failingWindow: checkpoints the skips are counted over. */
        public static final int DEFAULT_FAILING_WINDOW = 4;
        /** Default staleCheckpoints: checkpoint periods without a checkpoint that fire {@link RuleNames#CHECKPOINT_STALE} (Prometheus only). */
        public static final int DEFAULT_STALE_CHECKPOINTS = 3;

        private double floor = DEFAULT_FLOOR;
        private int floorFor = DEFAULT_FLOOR_FOR;
        private double dropFraction = DEFAULT_DROP_FRACTION;
        private int dropWindow = DEFAULT_DROP_WINDOW;
        private double trendSlope = DEFAULT_TREND_SLOPE;
        private int trendWindow = DEFAULT_TREND_WINDOW;
        private int goldMinimum = DEFAULT_GOLD_MINIMUM;
        private double goldAuc = DEFAULT_GOLD_AUC;
        private int goldFor = DEFAULT_GOLD_FOR;
        private double flatShare = DEFAULT_FLAT_SHARE;
        private int flatFor = DEFAULT_FLAT_FOR;
        private double maskedMacro = DEFAULT_MASKED_MACRO;
        private double maskedWorst = DEFAULT_MASKED_WORST;
        private int maskedFor = DEFAULT_MASKED_FOR;
        private double dissociationDrop = DEFAULT_DISSOCIATION_DROP;
        private double aucTolerance = DEFAULT_AUC_TOLERANCE;
        private int dissociationWindow = DEFAULT_DISSOCIATION_WINDOW;
        private int failingSkips = DEFAULT_FAILING_SKIPS;
        private int failingWindow = DEFAULT_FAILING_WINDOW;
        private int staleCheckpoints = DEFAULT_STALE_CHECKPOINTS;

        private Builder() {}

        /**
         * Sets floor: a class C-Score below this fires {@link RuleNames#BELOW_FLOOR}. Default: {@value #DEFAULT_FLOOR}.
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder optFloor(double value) {
            this.floor = value;
            return this;
        }

        /**
         * Sets floorFor: checkpoints in a row below the floor. Default: {@value #DEFAULT_FLOOR_FOR}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optFloorFor(int value) {
            this.floorFor = value;
            return this;
        }

        /**
         * Sets dropFraction: fall, as a fraction of the recent maximum, that fires {@link RuleNames#RELATIVE_DROP}. Default: {@value #DEFAULT_DROP_FRACTION}.
         *
         * @param value in (0, 1)
         * @return this builder
         */
        public Builder optDropFraction(double value) {
            this.dropFraction = value;
            return this;
        }

        /**
         * Sets dropWindow: checkpoints the recent maximum is taken over, the latest included. Default: {@value #DEFAULT_DROP_WINDOW}.
         *
         * @param value at least 2
         * @return this builder
         */
        public Builder optDropWindow(int value) {
            this.dropWindow = value;
            return this;
        }

        /**
         * Sets trendSlope: C-Score lost per epoch (least-squares slope) that fires {@link RuleNames#DOWN_TREND}. Default: {@value #DEFAULT_TREND_SLOPE}.
         *
         * @param value positive
         * @return this builder
         */
        public Builder optTrendSlope(double value) {
            this.trendSlope = value;
            return this;
        }

        /**
         * Sets trendWindow: checkpoints the slope is fitted over. Default: {@value #DEFAULT_TREND_WINDOW}.
         *
         * @param value at least 3
         * @return this builder
         */
        public Builder optTrendWindow(int value) {
            this.trendWindow = value;
            return this;
        }

        /**
         * Sets goldMinimum: gold-list size below which {@link RuleNames#GOLD_LIST_COLLAPSE} may fire (the C-Score's minimum gold size). Default: {@value #DEFAULT_GOLD_MINIMUM}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optGoldMinimum(int value) {
            this.goldMinimum = value;
            return this;
        }

        /**
         * Sets goldAuc: macro AUC at or above which a small gold list is a collapse rather than an untrained model. Default: {@value #DEFAULT_GOLD_AUC}.
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder optGoldAuc(double value) {
            this.goldAuc = value;
            return this;
        }

        /**
         * Sets goldFor: checkpoints in a row for a gold-list collapse. Default: {@value #DEFAULT_GOLD_FOR}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optGoldFor(int value) {
            this.goldFor = value;
            return this;
        }

        /**
         * Sets flatShare: share of flat maps that fires {@link RuleNames#ATTRIBUTION_COLLAPSE}. Default: {@value #DEFAULT_FLAT_SHARE}.
         *
         * @param value in (0, 1]
         * @return this builder
         */
        public Builder optFlatShare(double value) {
            this.flatShare = value;
            return this;
        }

        /**
         * Sets flatFor: checkpoints in a row for an attribution collapse. Default: {@value #DEFAULT_FLAT_FOR}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optFlatFor(int value) {
            this.flatFor = value;
            return this;
        }

        /**
         * Sets maskedMacro: macro C-Score at or above which the global score looks fine ({@link RuleNames#CLASS_MASKED}). Default: {@value #DEFAULT_MASKED_MACRO}.
         *
         * @param value in [0, 1]
         * @return this builder
         */
        public Builder optMaskedMacro(double value) {
            this.maskedMacro = value;
            return this;
        }

        /**
         * Sets maskedWorst: worst-class C-Score below which that class is masked. Default: {@value #DEFAULT_MASKED_WORST}.
         *
         * @param value in [0, maskedMacro]
         * @return this builder
         */
        public Builder optMaskedWorst(double value) {
            this.maskedWorst = value;
            return this;
        }

        /**
         * Sets maskedFor: checkpoints in a row for class masking. Default: {@value #DEFAULT_MASKED_FOR}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optMaskedFor(int value) {
            this.maskedFor = value;
            return this;
        }

        /**
         * Sets dissociationDrop: fall of a technique's macro C-Score, as a fraction of its recent maximum, that fires {@link RuleNames#AUC_DISSOCIATION}. Default: {@value #DEFAULT_DISSOCIATION_DROP}.
         *
         * @param value in (0, 1)
         * @return this builder
         */
        public Builder optDissociationDrop(double value) {
            this.dissociationDrop = value;
            return this;
        }

        /**
         * Sets aucTolerance: how far below its recent maximum the macro AUC may be and still count as steady. Default: {@value #DEFAULT_AUC_TOLERANCE}.
         *
         * @param value in [0, 1)
         * @return this builder
         */
        public Builder optAucTolerance(double value) {
            this.aucTolerance = value;
            return this;
        }

        /**
         * Sets dissociationWindow: checkpoints both recent maxima are taken over. Default: {@value #DEFAULT_DISSOCIATION_WINDOW}.
         *
         * @param value at least 2
         * @return this builder
         */
        public Builder optDissociationWindow(int value) {
            this.dissociationWindow = value;
            return this;
        }

        /**
         * Sets failingSkips: technique skips (error, timeout, circuit_open) that fire {@link RuleNames#TECHNIQUE_FAILING}. Default: {@value #DEFAULT_FAILING_SKIPS}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optFailingSkips(int value) {
            this.failingSkips = value;
            return this;
        }

        /**
         * Sets failingWindow: checkpoints the skips are counted over. Default: {@value #DEFAULT_FAILING_WINDOW}.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder optFailingWindow(int value) {
            this.failingWindow = value;
            return this;
        }

        /**
         * Sets staleCheckpoints: checkpoint periods without a checkpoint that fire {@link RuleNames#CHECKPOINT_STALE} (Prometheus only). Default: {@value #DEFAULT_STALE_CHECKPOINTS}.
         *
         * @param value at least 2
         * @return this builder
         */
        public Builder optStaleCheckpoints(int value) {
            this.staleCheckpoints = value;
            return this;
        }

        /**
         * Checks the values and builds the thresholds.
         *
         * @return the thresholds
         * @throws IllegalArgumentException naming the first value out of range
         */
        public AlertThresholds build() {
            return new AlertThresholds(floor, floorFor, dropFraction, dropWindow, trendSlope, trendWindow, goldMinimum, goldAuc, goldFor, flatShare, flatFor, maskedMacro, maskedWorst, maskedFor, dissociationDrop, aucTolerance, dissociationWindow, failingSkips, failingWindow, staleCheckpoints);
        }
    }
}
