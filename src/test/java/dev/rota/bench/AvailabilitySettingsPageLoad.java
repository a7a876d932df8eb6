package dev.rota.bench;

import dev.rota.support.Node;
import dev.rota.support.TestDatabase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * GET /settings/availability (the server-rendered availability-management page, first page) for an
 * account of 10,000 users, seeded like {@link AvailabilityTableLoad}; signed in through the login form,
 * two clients each with their own session. Prints latency percentiles.
 */
public final class AvailabilitySettingsPageLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path dir = Files.createTempDirectory("rota-bench-settings-page");
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"), true);
             Node node = new Node(db.jdbcUrl(), Instant.now(), Map.of("logging.level.root", "WARN"))) {
            node.clock.followRealTime();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String email = "owner-" + suffix + "@page.bench";
            String password = "correct-horse";
            var signup = node.anonymous().post("/api/v1/signup", Map.of("accountName", "Page " + suffix,
                    "name", "Owner", "email", email, "password", password));
            if (signup.status() != 201) {
                throw new IllegalStateException("signup failed: " + signup);
            }
            var admin = node.anonymous().as(signup.text("token"));
            UUID account = UUID.fromString(admin.get("/api/v1/account").text("id"));
            AvailabilityTableLoad.seed(node.bean(JdbcClient.class), account, users);

            int clients = 2;
            List<HttpClient> sessions = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                sessions.add(signIn(node.baseUrl(), email, password));
            }
            String page = node.baseUrl() + "/settings/availability";
            for (HttpClient session : sessions) {
                for (int i = 0; i < 50; i++) {
                    get(session, page);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<long[]>> futures = new ArrayList<>();
            for (HttpClient session : sessions) {
                futures.add(pool.submit(() -> {
                    long[] times = new long[requests / clients];
                    for (int i = 0; i < times.length; i++) {
                        long start = System.nanoTime();
                        get(session, page);
                        times[i] = System.nanoTime() - start;
                    }
                    return times;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                for (long t : f.get()) {
                    all.add(t);
                }
            }
            pool.shutdown();
            BenchSupport.printPercentiles("GET /settings/availability (" + users + " users, first page, 2 clients)",
                    all.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** A client with its own cookie jar, signed in through the login form (CSRF token from the form). */
    static HttpClient signIn(String base, String email, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String form = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String body = "email=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + location);
        }
        return client;
    }

    static void get(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("data-user=")) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
