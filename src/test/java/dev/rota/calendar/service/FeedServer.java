package dev.rota.calendar.service;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An iCalendar feed on 127.0.0.1 for sync tests: serves {@link #body} with an ETag derived from it, answers
 * {@code If-None-Match} with 304, and can be switched to an error status. Counts requests and 304s.
 */
public final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    volatile byte[] body = new byte[0];
    volatile int status = 200;
    volatile long delayMillis;
    /** When not negative: announce the whole body, send this many bytes, then drop the connection. */
    volatile int cutAfterBytes = -1;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/calendar.ics", exchange -> {
            requests.incrementAndGet();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] current = body;
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(current)) + "\"";
            exchange.getRequestBody().readAllBytes();
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
                exchange.sendResponseHeaders(200, current.length);
                if (cutAfterBytes >= 0) {
                    // the server goes away in the middle of the download
                    OutputStream out = exchange.getResponseBody();
                    out.write(current, 0, Math.min(cutAfterBytes, current.length));
                    out.flush();
                    exchange.getHttpContext().getServer().stop(0);
                    return;
                }
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(current);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public void serve(String ics) {
        body = ics.getBytes(StandardCharsets.UTF_8);
        status = 200;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/calendar.ics";
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}
