package dev.rota.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1 that records every request and answers with a status the test chooses. */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    /** How long a body each answer has (0: none). */
    volatile int bodyBytes;
    /** Deliveries answered 500 whatever {@link #answer} says (one a receiver keeps refusing). */
    volatile java.util.function.Predicate<Received> refuse = r -> false;
    /** A Location header for every answer (a receiver that redirects), or none. */
    volatile String location;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            headers.put(":path", exchange.getRequestURI().getPath());
            Received r = new Received(headers, body);
            received.add(r);
            int size = bodyBytes;
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(refuse.test(r) ? 500 : answer.get(), size == 0 ? -1 : size);
            if (size > 0) {
                try (java.io.OutputStream out = exchange.getResponseBody()) {
                    out.write(new byte[size]);
                } catch (IOException clientStoppedReading) {
                    // a sender that wants the status only may close early
                }
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> of(String event) {
        return received.stream().filter(r -> event.equals(r.header("Rota-Event"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
