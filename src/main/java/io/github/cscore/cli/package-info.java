/**
 * The {@code cscore} command line (picocli), a thin layer over the library: {@code demo} trains a
 * small network on phantoms or Fashion-MNIST with the monitor attached, {@code pretrain} trains a
 * backbone on Fashion-MNIST for the demo's transfer phase, {@code models} lists the three
 * architectures, {@code evaluate} scores saved checkpoints after the fact, {@code report} writes a
 * run's HTML report from its timeline, and {@code study} measures whether alerts come before AUC
 * drops. Options shared by several commands are said once, in mixins ({@code ScaleOptions}, {@code
 * TrainingOptions}, {@code MonitorOptions}, ...), and checked where the library checks the value
 * they set ({@code OptionNames}); a monitored run is assembled by {@link
 * io.github.cscore.training.MonitoredTraining}. Part of the tool jar only.
 */
package io.github.cscore.cli;
