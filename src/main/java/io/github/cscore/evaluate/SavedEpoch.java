package io.github.cscore.evaluate;

import io.github.cscore.result.Phase;
import io.github.cscore.storage.Sha256;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SnapshotManifest} records of one saved epoch: its training phase, and the SHA-256
 * of its parameter file as the saver wrote it, which the evaluator checks before scoring the file.
 *
 * @param phase the training phase at the end of the epoch
 * @param sha256 the file's SHA-256 as 64 lower-case hex digits ({@code sha256sum}'s form), or null
 *     where it is unknown (a manifest of format 1, or one written by hand)
 * @param step the optimiser updates completed when the epoch was saved, -1 where unknown
 */
public record SavedEpoch(Phase phase, String sha256, int step) {

    /**
     * Checks the components.
     *
     * @param phase the training phase, not null
     * @param sha256 64 lower-case hex digits, or null
     * @param step the training steps completed, -1 if unknown
     * @throws IllegalArgumentException if the digest is not 64 lower-case hex digits or the step is
     *     below -1
     */
    public SavedEpoch {
        if (step < -1) {
            throw new IllegalArgumentException("step must be -1 (unknown) or at least 0, but was " + step);
        }
        Objects.requireNonNull(phase, "phase");
        if (sha256 != null && !Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, but was '" + sha256 + "'");
        }
    }

    /**
     * Returns an entry of known phase and unknown digest.
     *
     * @param phase the training phase
     * @return the entry
     */
    public static SavedEpoch of(Phase phase) {
        return new SavedEpoch(phase, null, -1);
    }

    /**
     * Returns the recorded digest.
     *
     * @return the SHA-256, or empty if unknown
     */
    public Optional<String> digest() {
        return Optional.ofNullable(sha256);
    }
}
