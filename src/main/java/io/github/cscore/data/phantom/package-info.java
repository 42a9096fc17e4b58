/**
 * Synthetic paediatric chest radiographs (NORMAL and PNEUMONIA phantoms) written in the Kermany
 * layout, with the true lesion boxes and an optional shortcut marker: the demo's and the tests'
 * data where the real dataset cannot be downloaded. Part of the {@code cscore} tool, not of the
 * library jar.
 */
package io.github.cscore.data.phantom;
