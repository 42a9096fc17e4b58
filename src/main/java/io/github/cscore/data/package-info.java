/**
 * Datasets: the Kermany chest X-ray folder layout and the Fashion-MNIST IDX reader. The
 * synthetic chest-radiograph phantoms the demo and the tests train on are in the sub-package
 * {@code phantom}, which the command-line tool ships and the library does not.
 *
 * <p>Every dataset here is a DJL {@code RandomAccessDataset} and a {@link
 * io.github.cscore.data.LabeledDataset}: items are (normalised float32 image of shape (3, H, W),
 * float32 scalar label), and the labels can be read without decoding an image, which is what the
 * monitor needs to draw a stratified validation sample. {@link io.github.cscore.data.KermanyDataset}
 * reads {@code chest_xray/{train,val,test}/{NORMAL,PNEUMONIA}} and carves a seeded, stratified
 * validation split from {@code train}; {@code phantom.ChestPhantoms} writes such a
 * tree of synthetic radiographs with known lesion boxes and an optional shortcut marker; {@link
 * io.github.cscore.data.FashionMnistIdx} reads local Fashion-MNIST files as a real-image
 * alternative. {@link io.github.cscore.data.Normalization} holds the pixel normalisations the
 * paper's networks expect.
 */
package io.github.cscore.data;
