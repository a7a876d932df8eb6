package dev.rota.bench;

import dev.rota.support.Node;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        try (BenchSupport.Service rota = BenchSupport.Service.start("page")) {
            Node node = rota.node();
            String email = rota.adminEmail();
            String password = rota.adminPassword();
            AvailabilityTableLoad.seed(rota.jdbc(), rota.accountId(), users);

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
            long[] times = BenchSupport.timed(clients, requests / clients, client -> get(sessions.get(client), page));
            BenchSupport.printPercentiles("GET /settings/availability (" + users + " users, first page, 2 clients)",
                    times);
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
