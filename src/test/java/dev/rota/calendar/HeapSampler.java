package dev.rota.calendar;

import java.util.concurrent.atomic.AtomicLong;

/** For benchmarks: the heap in use after a GC, and the peak in use while some work runs (garbage included). */
public final class HeapSampler implements AutoCloseable {

    private final AtomicLong peak;
    private final Thread sampler;
    public final long before;

    private HeapSampler(long before) {
        this.before = before;
        this.peak = new AtomicLong(before);
        this.sampler = new Thread(() -> {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
    }

    /** Collects garbage, notes the heap in use, and starts sampling. */
    public static HeapSampler start() throws InterruptedException {
        return new HeapSampler(usedHeapAfterGc());
    }

    /** Stops sampling; returns the peak heap in use since {@link #start()}. */
    public long peak() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        return peak.get();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    public static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    public static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
