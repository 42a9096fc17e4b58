package io.github.cscore.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

@ExtendWith(EngineManagerExtension.class)
class EngineManagerExtensionTest {

    /** Every manager and array handed out in this class; all must be closed once it has run. */
    private static final List<NDManager> MANAGERS = new ArrayList<>();
    private static final List<NDArray> ARRAYS = new ArrayList<>();

    private NDManager fromBeforeEach;

    @BeforeEach
    void keep(NDManager manager) {
        fromBeforeEach = manager;
        ARRAYS.add(manager.ones(new Shape(2)));
    }

    @AfterEach
    void isStillOpenInAfterEach(NDManager manager) {
        assertSame(fromBeforeEach, manager);
        assertTrue(manager.isOpen());
        MANAGERS.add(manager);
    }

    @AfterAll
    static void everyManagerWasClosedWithItsArrays() {
        assertFalse(MANAGERS.isEmpty());
        for (NDManager manager : MANAGERS) {
            assertFalse(manager.isOpen(), manager.getName());
        }
        for (NDArray array : ARRAYS) {
            assertTrue(array.isReleased());
        }
    }

    @Test
    void aTestGetsTheManagerItsBeforeEachGot(NDManager manager) {
        assertSame(fromBeforeEach, manager);
        assertTrue(manager.isOpen());
    }

    @Test
    void eachTestGetsANewManager(NDManager manager) {
        assertFalse(MANAGERS.contains(manager));
        assertTrue(manager.isOpen());
    }

    @Nested
    class InANestedClass {

        private NDManager fromNestedBeforeEach;

        @BeforeEach
        void keepNested(NDManager manager) {
            fromNestedBeforeEach = manager;
        }

        @Test
        void everyBeforeEachOfTheTestGetsTheSameManager(NDManager manager) {
            assertSame(fromBeforeEach, fromNestedBeforeEach);
            assertSame(fromBeforeEach, manager);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PerClass {

        private NDManager classManager;
        private NDArray kept;

        @BeforeAll
        void open(NDManager manager) {
            classManager = manager;
            kept = manager.zeros(new Shape(3));
        }

        @AfterAll
        void record() {
            assertTrue(classManager.isOpen());
            MANAGERS.add(classManager);
            ARRAYS.add(kept);
        }

        @Test
        void keepsItsArraysAcrossTests(NDManager manager) {
            assertTrue(classManager.isOpen());
            assertFalse(kept.isReleased());
            assertNotSame(classManager, manager);
            assertSame(fromBeforeEach, manager);
        }

        @Test
        void isNotTheManagerOfATest(NDManager manager) {
            assertTrue(classManager.isOpen());
            assertNotSame(classManager, manager);
            assertNotSame(classManager, fromBeforeEach);
        }
    }
}
