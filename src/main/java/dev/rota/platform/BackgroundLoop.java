package dev.rota.platform;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Rota runs work in the background: daemon threads repeating a round, pausing as long as
 * the round asks (or until {@link #wake()}), and pausing {@code backoffMillis} after a failure, e.g.
 * while the database restarts. Rounds must be safe to repeat; their state lives in the database.
 */
public final class BackgroundLoop {

    /** One round of work; returns how many milliseconds to pause before the next (0: go on at once). */
    @FunctionalInterface
    public interface Round {
        long run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Round round;
    private final long backoffMillis;
    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public BackgroundLoop(String name, Round round, long backoffMillis) {
        this.name = name;
        this.round = round;
        this.backoffMillis = backoffMillis;
    }

    public synchronized void start(int count) {
        running = true;
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::loop, count == 1 ? name : name + "-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Ends the pause of every thread now (new work arrived). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                pause(round.run());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} failed; retrying in {} ms: {}", name, backoffMillis, e.getMessage());
                try {
                    pause(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            synchronized (signal) {
                // a wake that came while the round ran is not lost
                if (!woken) {
                    signal.wait(millis);
                }
                woken = false;
            }
        }
    }
}
