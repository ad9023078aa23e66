package io.affectstream.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacerTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();
    private final Pacer pacer = new Pacer(now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void releasesTheFirstItemAtOnceAndLaterOnesAtTheirPresentationTime() throws Exception {
        pacer.await(1_000_000);          // first: no wait, defines the origin
        pacer.await(1_040_000);          // due 40 ms later
        now.addAndGet(10_000_000);       // 10 ms of work passes
        pacer.await(1_080_000);          // due 40 ms after the previous one: 30 ms left
        assertEquals(List.of(40_000_000L, 30_000_000L), sleeps);
    }

    @Test
    void neverSleepsForItemsThatAreAlreadyLate() throws Exception {
        pacer.await(0);
        now.addAndGet(500_000_000);      // the pipeline stalled for 500 ms
        pacer.await(40_000);
        pacer.await(80_000);
        assertEquals(List.of(), sleeps);
    }
}
