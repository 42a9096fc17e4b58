package io.github.cscore.testing;

import org.junit.jupiter.api.DynamicTest;

import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Property-based tests without a framework: a property is checked on many inputs, each drawn from
 * a {@link java.util.Random} seeded with a number shown as the test's name, so a failure is
 * reproduced by that seed alone. The project does not use jqwik: from 1.10 its authors ask that
 * it not be used by AI coding agents, which write much of this project's code
 * (docs/failure-behaviour.md, "How it is tested").
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> anySequenceRoundTrips() {
 *     return Seeds.check(200, seed -> { Random random = new Random(seed); ... });
 * }
 * }</pre>
 *
 * The number of seeds can be raised for a longer search with {@code -Dcscore.seeds=N}.
 */
public final class Seeds {

    private Seeds() {}

    /** A property of one seeded input. */
    @FunctionalInterface
    public interface Property {
        /**
         * Checks the property on the input the seed draws.
         *
         * @param seed the seed
         * @throws Exception if the property does not hold
         */
        void check(long seed) throws Exception;
    }

    /**
     * Checks a property on seeds 0 to {@code count - 1} (or {@code -Dcscore.seeds}), one dynamic
     * test per seed.
     *
     * @param count how many seeds by default
     * @param property the property
     * @return the tests, named {@code seed N}
     */
    public static Stream<DynamicTest> check(int count, Property property) {
        int seeds = Integer.getInteger("cscore.seeds", count);
        return LongStream.range(0, seeds).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> property.check(seed)));
    }
}
