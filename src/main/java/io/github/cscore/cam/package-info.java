/**
 * The six Class Activation Mapping techniques and the one pipeline they share: ReLU, bilinear
 * upsampling to the input size, min-max scaling and the flat-map flag. A technique only says how
 * its channel weights (or its raw map) are formed.
 */
package io.github.cscore.cam;
