package io.github.cscore.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cscore.result.Severity;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The paging policy of docs/alerts.md, held by the built-in rules themselves: only what someone
 * must act on at 3 a.m. is critical (it pages), and no page rests on a single checkpoint.
 */
class PagingPolicyTest {

    @Test
    void onlyADeadRunAndAPersistentDissociationPage() {
        Set<String> paging = BuiltInRules.ofDefaults().stream().filter(r -> r.severity() == Severity.CRITICAL)
                .map(AlertRule::rule).collect(Collectors.toSet());

        assertEquals(Set.of(ExporterAbsent.NAME, AucDissociation.NAME), paging);
    }

    @Test
    void everyPageNeedsAtLeastTwoCheckpoints() {
        for (AlertRule rule : BuiltInRules.ofDefaults()) {
            if (rule.severity() == Severity.CRITICAL) {
                assertTrue(rule.forCheckpoints() >= 2, rule.rule() + " pages on one checkpoint");
            }
        }
    }

    @Test
    void aDivergedRunDoesNotPage() {
        assertNotEquals(Severity.CRITICAL, new CheckpointDegenerate().severity());
    }

    @Test
    void theDipOfOneCheckpointAtTheUnfreezeNeverNotifies() {
        RelativeDrop drop = RelativeDrop.ofDefaults();

        assertTrue(drop.forCheckpoints() >= 2, "a dip that recovers at the next checkpoint must stay quiet");
        assertNotEquals(Severity.CRITICAL, drop.severity());
    }
}
