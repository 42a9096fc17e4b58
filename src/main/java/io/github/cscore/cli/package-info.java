/**
 * The {@code cscore} command line: {@code demo}, {@code explain}, {@code models}, and more.
 */
package io.github.cscore.cli;
