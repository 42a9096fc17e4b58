/**
 * Models to explain: {@link io.github.cscore.model.TappedModel} (activations and gradients at named
 * taps from one forward and one backward pass) and the paper's three architectures with their
 * backbone/head split for transfer learning.
 */
package io.github.cscore.model;
