package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a lane gathers its next batch ({@link Intake#gather}): what waits, for whom, and for how long. */
class IntakeGatherTest {

    private static final long FAR = TimeUnit.SECONDS.toNanos(30);

    @Test
    void waits_for_the_requests_it_expects_back_and_puts_them_in_one_batch() throws Exception {
        LinkedBlockingQueue<String> lane = new LinkedBlockingQueue<>();
        List<String> batch = new ArrayList<>(List.of("a"));
        Thread clients = new Thread(() -> {
            for (String next : List.of("b", "c", "d")) {
                sleep(30);
                lane.add(next);
            }
        });
        clients.start();
        assertThat(Intake.gather(lane, batch, 4, 200, System.nanoTime() + FAR)).isTrue();
        clients.join();
        assertThat(batch).containsExactly("a", "b", "c", "d");
    }

    @Test
    void once_the_deadline_passed_it_takes_what_is_there_and_waits_for_nothing() throws Exception {
        LinkedBlockingQueue<String> lane = new LinkedBlockingQueue<>(List.of("b"));
        List<String> batch = new ArrayList<>(List.of("a"));
        assertThat(Intake.gather(lane, batch, 5, 200, System.nanoTime() - 1)).isTrue();
        assertThat(batch).containsExactly("a", "b");
        assertThat(lane).isEmpty();
    }

    @Test
    void with_as_many_as_expected_it_does_not_wait_for_more() throws Exception {
        LinkedBlockingQueue<String> lane = new LinkedBlockingQueue<>(List.of("b"));
        List<String> batch = new ArrayList<>(List.of("a"));
        // a later request must go in the next batch: had gather waited on, it would have taken it
        Thread late = new Thread(() -> {
            sleep(1_000);
            lane.add("late");
        });
        late.start();
        assertThat(Intake.gather(lane, batch, 2, 200, System.nanoTime() + FAR)).isTrue();
        assertThat(batch).containsExactly("a", "b");
        late.join();
        assertThat(lane).containsExactly("late");
    }

    @Test
    void a_wait_that_brings_nobody_says_so_and_one_that_brings_some_does_not() throws Exception {
        LinkedBlockingQueue<String> lane = new LinkedBlockingQueue<>();
        List<String> batch = new ArrayList<>(List.of("a"));
        // false: the lane then stops waiting for a while (requests arriving on their own gain nothing by it)
        assertThat(Intake.gather(lane, batch, 3, 200, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        assertThat(batch).containsExactly("a");

        Thread one = new Thread(() -> {
            sleep(10);
            lane.add("b");
        });
        one.start();
        assertThat(Intake.gather(lane, batch, 3, 200, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500))).isTrue();
        one.join();
        assertThat(batch).containsExactly("a", "b");
    }

    @Test
    void never_takes_more_than_the_largest_batch() throws Exception {
        LinkedBlockingQueue<String> lane = new LinkedBlockingQueue<>();
        for (int i = 0; i < 10; i++) {
            lane.add("r" + i);
        }
        List<String> batch = new ArrayList<>(List.of("a"));
        assertThat(Intake.gather(lane, batch, 50, 4, System.nanoTime() + FAR)).isTrue();
        assertThat(batch).containsExactly("a", "r0", "r1", "r2");
        assertThat(lane).hasSize(7);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
