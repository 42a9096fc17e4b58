package io.github.cscore.data;

/**
 * One of the three folders on disk of the Kermany layout {@code chest_xray/{train,val,test}}. What
 * a dataset reads from them is a {@link KermanySubset}.
 */
public enum KermanyFolder {

    /** {@code train}: 5216 images in the public release (1341 NORMAL, 3875 PNEUMONIA). */
    TRAIN("train"),

    /** {@code val}: the official validation folder, 16 images (8 per class). */
    VAL("val"),

    /** {@code test}: 624 images (234 NORMAL, 390 PNEUMONIA). */
    TEST("test");

    private final String folderName;

    KermanyFolder(String folderName) {
        this.folderName = folderName;
    }

    /**
     * Returns the folder's name on disk.
     *
     * @return {@code train}, {@code val} or {@code test}
     */
    public String folderName() {
        return folderName;
    }
}
