/**
 * How the library puts files on disk and reads them back: every output is written beside its
 * target and renamed into place in one step ({@link io.github.cscore.storage.AtomicOutput}), content
 * is fingerprinted with SHA-256 ({@link io.github.cscore.storage.Sha256}), and JSON is read
 * strictly, each error naming the field ({@link io.github.cscore.storage.StrictJson}).
 *
 * <p>Used by the timeline, the example maps, the report, the saved snapshots, the backbone file and
 * the phantom generator; depends on nothing else of the project. {@code docs/failure-behaviour.md}
 * says what each writer leaves behind on a full disk, a kill or Ctrl-C.
 */
package io.github.cscore.storage;
