package io.github.cscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cscore.alert.AlertEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;

class LoggingTest {

    private static final String LEVEL = "org.slf4j.simpleLogger.log.";

    private Properties saved;

    @BeforeEach
    void saveProperties() {
        saved = (Properties) System.getProperties().clone();
    }

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    @Test
    void alertsAreNotLoggedSinceTheCommandsPrintThemOnStandardOutput() {
        Logging.quietUnlessVerbose(new String[] {"demo"});
        String quiet = System.getProperty(LEVEL + AlertEngine.EVENT_LOGGER);
        Logging.quietUnlessVerbose(new String[] {"demo", "--verbose"});

        assertEquals("off", quiet);
        assertEquals("off", System.getProperty(LEVEL + AlertEngine.EVENT_LOGGER), "printed once, even when verbose");
    }

    @Test
    void theStackTraceOfAFailureTheRunSurvivesIsLoggedOnlyWhenVerbose() {
        Logging.quietUnlessVerbose(new String[] {"demo"});
        String quiet = System.getProperty(LEVEL + "io.github.cscore");
        Logging.quietUnlessVerbose(new String[] {"demo", "-v"});

        assertEquals("warn", quiet, "one warning line, its trace at debug level");
        assertEquals("debug", System.getProperty(LEVEL + "io.github.cscore"));
    }
}
