/**
 * Datasets: the Kermany chest X-ray folder layout, synthetic chest-radiograph phantoms and the
 * Fashion-MNIST IDX reader.
 */
package io.github.cscore.data;
