/**
 * The {@code cscore} command line (picocli): {@code demo} trains a small network on phantoms or
 * Fashion-MNIST with the monitor attached, {@code models} lists the three architectures, {@code
 * report} writes a run's HTML report from its timeline. Part of the tool jar only.
 */
package io.github.cscore.cli;
