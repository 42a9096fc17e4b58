package io.github.cscore.alert;

import io.github.cscore.result.CheckpointResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/** The latest checkpoint results of a run, as many as the longest detector window needs. */
public final class CheckpointHistory {

    private final int capacity;
    private final Deque<CheckpointResult> results = new ArrayDeque<>();

    /**
     * Creates an empty history.
     *
     * @param capacity how many results to keep, at least 1
     */
    public CheckpointHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds the latest result, forgetting the oldest beyond the capacity.
     *
     * @param result the result
     */
    public void add(CheckpointResult result) {
        results.addLast(Objects.requireNonNull(result, "result"));
        while (results.size() > capacity) {
            results.removeFirst();
        }
    }

    /**
     * Returns the latest result.
     *
     * @return the latest result
     * @throws IllegalStateException if the history is empty
     */
    public CheckpointResult latest() {
        if (results.isEmpty()) {
            throw new IllegalStateException("no checkpoint yet");
        }
        return results.getLast();
    }

    /**
     * Returns the last {@code k} results (fewer at the start of a run), oldest first, latest last.
     *
     * @param k how many, at least 1 and at most the capacity
     * @return the results
     */
    public List<CheckpointResult> last(int k) {
        if (k < 1 || k > capacity) {
            throw new IllegalArgumentException("k must be in [1, " + capacity + "], but was " + k);
        }
        List<CheckpointResult> all = new ArrayList<>(results);
        return List.copyOf(all.subList(Math.max(0, all.size() - k), all.size()));
    }

    /**
     * Returns how many results are held.
     *
     * @return the count
     */
    public int size() {
        return results.size();
    }
}
