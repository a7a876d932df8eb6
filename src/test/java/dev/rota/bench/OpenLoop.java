package dev.rota.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load driver for {@code POST /api/v1/conversations}, run as its own process (like wrk) so that
 * its threads and its garbage do not pause the service it measures: request i is due at {@code start + i / rate}
 * and its latency counts from then, so a slow answer delays nothing unmeasured (no coordinated omission). Each
 * connection is a plain keep-alive socket on its own thread; with all of them busy, the next due request waits
 * and that wait is counted.
 * <p>
 * {@code java dev.rota.bench.OpenLoop BASE_URL TOKEN INBOX RATE SECONDS [CONNECTIONS]} prints one line,
 * {@code open loop at R/s: n=.. p50=.. p95=.. p99=.. max=..} without the first two seconds, or exits non-zero on
 * a non-201 answer. With {@code -Dopenloop.slow=true} it first prints, per 100 ms window (epoch milliseconds), how
 * many answers took over 25 ms, to line the tail up with the service's GC log or PostgreSQL's log.
 */
public final class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String inbox = args[2];
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        int total = (int) (rate * seconds);
        long interval = (long) (1e9 / rate);
        String run = Long.toString(System.nanoTime(), 36);
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long startMillis = System.currentTimeMillis() + 100;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                try {
                    for (int i = next.getAndIncrement(); i < total && failure.get() == null; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        if (socket == null) {
                            // a new connection when the server closed the last one (Tomcat does after 100 requests)
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                            in = new BufferedInputStream(socket.getInputStream(), 8192);
                        }
                        byte[] body = ("{\"inboxId\":\"" + inbox + "\",\"channel\":\"CHAT\",\"externalId\":\"o-" + run + "-" + i
                                + "\"}").getBytes(StandardCharsets.UTF_8);
                        OutputStream out = socket.getOutputStream();
                        out.write(("POST /api/v1/conversations HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        int status = readResponse(in);
                        latencies[i] = System.nanoTime() - due;
                        if (status < 0) {
                            socket.close();
                            socket = null;
                        }
                        if (Math.abs(status) != 201) {
                            failure.compareAndSet(null, "request " + i + " answered " + Math.abs(status));
                        }
                    }
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e.toString());
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            System.out.println("open loop failed: " + failure.get());
            System.exit(1);
        }
        if (Boolean.getBoolean("openloop.slow")) {
            // where the slow answers fell (epoch milliseconds of 100 ms windows), to line them up with GC or PostgreSQL logs
            java.util.TreeMap<Long, Integer> slow = new java.util.TreeMap<>();
            for (int i = 0; i < total; i++) {
                if (latencies[i] > TimeUnit.MILLISECONDS.toNanos(25)) {
                    slow.merge((startMillis + i * interval / 1_000_000) / 100 * 100, 1, Integer::sum);
                }
            }
            slow.forEach((at, n) -> System.out.println("slow window " + at + " " + n));
        }
        // the first two seconds are the driver's own warm-up (its JIT compiling the loop), not the service's
        int warm = (int) Math.min(total / 4, rate * 2);
        BenchSupport.printPercentiles(String.format("open loop at %.0f/s", rate),
                java.util.Arrays.copyOfRange(latencies, warm, total));
    }

    /**
     * Reads one HTTP/1.1 response (status line, headers, a body of Content-Length or chunked) and returns its status,
     * negated when the server closes the connection after it.
     */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return close ? -status : status;
        }
        for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
            in.skipNBytes(size + 2);
        }
        line(in);
        return close ? -status : status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }
}
