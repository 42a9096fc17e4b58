package io.github.cscore.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

/** The split of wall time between training and the monitor, on a clock the test moves. */
class TimeAccountTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final TimeAccount account = new TimeAccount(now::get);

    @Test
    void theMonitorsOwnTimeIsLeftOutOfTrainingTime() {
        account.trainingBegins();
        now.addAndGet(10 * SECOND);
        long start = account.monitorBegins();
        now.addAndGet(3 * SECOND);
        double work = account.monitorEnds(start);
        now.addAndGet(7 * SECOND);
        account.trainingEnds();

        assertEquals(3, work);
        assertEquals(17, account.trainingSeconds());
        assertEquals(3, account.monitorSeconds());
    }

    @Test
    void timeBetweenTwoTrainersIsNeitherTrainingNorMonitor() {
        account.trainingBegins();
        now.addAndGet(5 * SECOND);
        account.trainingEnds();
        now.addAndGet(100 * SECOND);
        account.trainingBegins();
        now.addAndGet(5 * SECOND);
        account.trainingEnds();

        assertEquals(10, account.trainingSeconds());
        assertEquals(0, account.monitorSeconds());
    }

    @Test
    void workAfterTheTrainerEndedCountsAsTheMonitorsOnly() {
        account.trainingBegins();
        now.addAndGet(5 * SECOND);
        account.trainingEnds();
        long start = account.monitorBegins();
        now.addAndGet(2 * SECOND);
        account.monitorEnds(start);

        assertFalse(account.isTraining());
        assertEquals(5, account.trainingSeconds());
        assertEquals(2, account.monitorSeconds());
    }

    @Test
    void theShareIsTheMonitorsTimeOverTheWholeRun() {
        TimeShare share = new TimeShare(0.10, 90, 10);

        assertEquals(0.10, share.share(), 1e-12);
        assertTrue(share.isWithinLimit());
        assertFalse(new TimeShare(0.10, 89, 11).isWithinLimit());
        assertEquals(0, new TimeShare(0.10, 0, 0).share());
    }
}
