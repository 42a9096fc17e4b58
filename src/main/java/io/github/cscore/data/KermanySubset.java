package io.github.cscore.data;

/**
 * Which images a {@link KermanyDataset} holds: a subset of the layout, made of one {@link
 * KermanyFolder} on disk or, for {@link #TRAIN} and {@link #VALIDATION}, a seeded part of one.
 */
public enum KermanySubset {

    /**
     * The {@code train} folder without the images carved out for {@link #VALIDATION}; all of
     * {@code train} when the validation fraction is 0.
     */
    TRAIN(KermanyFolder.TRAIN),

    /**
     * A stratified, seeded share of the {@code train} folder (see {@link
     * KermanyDataset.Builder#optValidationFraction(float)}), disjoint from {@link #TRAIN} built
     * with the same seed and fraction. Use it for model selection and monitoring.
     */
    VALIDATION(KermanyFolder.TRAIN),

    /** The official {@code val} folder: only 16 images in the public release. */
    OFFICIAL_VAL(KermanyFolder.VAL),

    /** The {@code test} folder, the one published results report on. */
    TEST(KermanyFolder.TEST);

    private final KermanyFolder folder;

    KermanySubset(KermanyFolder folder) {
        this.folder = folder;
    }

    /**
     * Returns the folder this subset's images come from.
     *
     * @return the folder on disk
     */
    public KermanyFolder folder() {
        return folder;
    }
}
