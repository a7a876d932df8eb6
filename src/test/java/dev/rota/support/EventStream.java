package dev.rota.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A client of the live events ({@code GET /api/v1/events}): every line it received so far, from its first hello. */
public final class EventStream implements AutoCloseable {

    private final HttpResponse<InputStream> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the stream ends with the test
            }
            ended = true;
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects with {@code token} and returns once the server said hello (so nothing after this is missed). */
    public static EventStream open(int port, String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events answered " + response.statusCode());
        }
        EventStream stream = new EventStream(response);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.lines.stream().anyMatch(l -> l.startsWith("event:hello")));
        return stream;
    }

    /** Whether the stream has ended (the server closed it, or the test did). */
    public boolean ended() {
        return ended;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() throws Exception {
        response.body().close();
    }
}
