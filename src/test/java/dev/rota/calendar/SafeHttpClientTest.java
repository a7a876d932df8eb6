package dev.rota.calendar;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeHttpClientTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            lastHeaders.clear();
            exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.get(0)));
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/feed.ics" -> {
                    if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        exchange.getResponseHeaders().add("ETag", "\"v1\"");
                        exchange.getResponseHeaders().add("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT");
                        byte[] body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                }
                case "/big-with-length", "/big-chunked" -> {
                    byte[] chunk = new byte[64 * 1024];
                    int total = 2 * 1024 * 1024;
                    exchange.sendResponseHeaders(200, path.equals("/big-chunked") ? 0 : total);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int sent = 0; sent < total; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException clientWentAway) {
                        // expected: the client stops reading at its limit
                    }
                }
                case "/redirect-to-feed" -> redirect(exchange, "/feed.ics");
                case "/redirect-to-other-host" -> redirect(exchange,
                        "http://other.test:" + server.getAddress().getPort() + "/missing");
                case "/loop" -> redirect(exchange, "/loop");
                case "/redirect-to-other-loopback" -> redirect(exchange,
                        "http://127.0.0.2:" + server.getAddress().getPort() + "/secret");
                case "/redirect-to-metadata" -> redirect(exchange, "http://metadata.test/latest/meta-data/");
                case "/redirect-to-file" -> redirect(exchange, "file:///etc/passwd");
                case "/trickle" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 30; i++) {
                            out.write('x');
                            out.flush();
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException clientGaveUp) {
                        // expected: the client stops at its deadline
                    }
                }
                case "/slow" -> {
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private URI local(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static SafeHttpClient.HostResolver fakeDns(Map<String, String> names, AtomicInteger lookups) {
        return host -> {
            lookups.incrementAndGet();
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> result = new java.util.ArrayList<>();
            for (String a : address.split(",")) {
                result.add(InetAddress.getByName(a)); // literals only: no real DNS
            }
            return result.toArray(InetAddress[]::new);
        };
    }

    private static SafeHttpClient publicOnly(Map<String, String> names, AtomicInteger lookups) {
        return new SafeHttpClient(SafeHttpClient.Settings.defaults(), fakeDns(names, lookups),
                AddressPolicy.publicOnly());
    }

    private static SafeHttpClient privateAllowed() {
        return SafeHttpClient.create(SafeHttpClient.Settings.defaults().withAllowPrivateNetworks(true));
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback",
            "127.1.2.3|loopback",
            "::1|loopback",
            "0.0.0.0|any-local",
            "::|any-local",
            "10.0.0.5|private",
            "172.16.0.1|private",
            "172.31.255.255|private",
            "192.168.1.1|private",
            "169.254.10.10|cloud metadata",
            "fe80::1|link-local",
            "fc00::1|unique-local",
            "fd12:3456::1|unique-local",
            "100.64.0.1|carrier-grade NAT",
            "100.127.255.254|carrier-grade NAT",
            "224.0.0.1|multicast",
            "ff02::1|multicast",
            "169.254.169.254|cloud metadata",
            "fd00:ec2::254|cloud metadata",
            "100.100.100.200|cloud metadata",
            "::ffff:127.0.0.1|loopback",
            "::ffff:10.0.0.5|private",
            "::ffff:169.254.169.254|cloud metadata",
            "::10.0.0.5|private",
            "64:ff9b::a00:5|private",
            "2002:a00:5::1|private",
            "2002:7f00:1::|loopback",
            "255.255.255.255|reserved",
            "240.0.0.1|reserved",
            "169.254.170.2|cloud metadata",
            "169.254.170.23|cloud metadata",
            "fd00:ec2::23|cloud metadata",
            "192.0.0.192|cloud metadata",
            "192.0.0.8|special-purpose",
            "192.0.2.1|special-purpose",
            "198.51.100.7|special-purpose",
            "203.0.113.9|special-purpose",
            "198.18.0.1|special-purpose",
            "198.19.255.254|special-purpose",
            "2001:db8::1|special-purpose",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2|special-purpose",
            "100::1|special-purpose"})
    void every_non_public_address_class_is_refused(String address, String reason) throws Exception {
        InetAddress parsed = InetAddress.getByAddress(address, InetAddress.getByName(address).getAddress());
        assertThat(AddressPolicy.publicOnly().refusal(parsed)).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @Test
    void with_private_networks_allowed_the_cloud_metadata_endpoints_stay_refused() throws Exception {
        AddressPolicy policy = AddressPolicy.privateNetworksToo();
        for (String address : List.of("127.0.0.1", "10.0.0.5", "192.168.1.1", "::1", "fe80::1", "fd12::1")) {
            assertThat(policy.refusal(InetAddress.getByName(address))).as(address).isEmpty();
        }
        // AWS's instance, ECS task and EKS pod credentials, Alibaba's and Oracle's metadata, all of IPv4 link-local
        for (String address : List.of("169.254.169.254", "::ffff:169.254.169.254", "fd00:ec2::254", "169.254.170.2",
                "169.254.170.23", "fd00:ec2::23", "169.254.1.1", "100.100.100.200", "192.0.0.192")) {
            assertThat(policy.refusal(InetAddress.getByName(address))).as(address).hasValue("a cloud metadata address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "192.0.3.1", "198.20.0.1", "223.255.255.1", "2001:4860:4860::8888", "2003::1"})
    void public_addresses_are_allowed(String address) throws Exception {
        assertThat(AddressPolicy.publicOnly().refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/feed.ics", "http://[::1]/feed.ics", "http://10.0.0.5/",
            "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
            "http://[fd00:ec2::254]/", "http://0.0.0.0/"})
    void ip_literal_urls_of_refused_classes_are_blocked(String url) {
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = publicOnly(Map.of(), lookups)) {
            assertThatThrownBy(() -> client.fetch(URI.create(url), null, null))
                    .isInstanceOf(BlockedAddressException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void checking_a_url_before_linking_refuses_what_a_request_would_refuse() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = publicOnly(Map.of("evil.test", "93.184.215.14,10.0.0.5",
                "calendar.example", "93.184.215.14"), lookups)) {
            assertThatThrownBy(() -> client.checkUrl(URI.create("https://evil.test/cal.ics")))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("10.0.0.5, which is private");
            assertThatThrownBy(() -> client.checkUrl(URI.create("http://127.0.0.1/")))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("loopback");
            assertThatThrownBy(() -> client.checkUrl(URI.create("file:///etc/passwd")))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("only http and https");
            assertThatThrownBy(() -> client.checkUrl(URI.create("https://unknown.example/cal.ics")))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("cannot be resolved");
            client.checkUrl(URI.create("https://calendar.example/cal.ics"));
        }
    }

    @Test
    void a_name_that_resolves_to_a_private_address_is_refused_after_one_lookup() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = publicOnly(Map.of("evil.test", "10.0.0.5"), lookups)) {
            assertThatThrownBy(() -> client.fetch(URI.create("http://evil.test/cal.ics"), null, null))
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessageContaining("evil.test resolves to 10.0.0.5, which is private");
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void one_private_address_among_public_ones_refuses_the_whole_answer() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = publicOnly(Map.of("rebind.test", "93.184.216.34,127.0.0.1"), lookups)) {
            assertThatThrownBy(() -> client.fetch(URI.create("https://rebind.test/cal.ics"), null, null))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("loopback");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/cal.ics", "gopher://example.com/",
            "http://user:pw@example.com/cal.ics"})
    void only_plain_http_and_https_urls_are_allowed(String url) throws Exception {
        try (SafeHttpClient client = publicOnly(Map.of(), new AtomicInteger())) {
            assertThatThrownBy(() -> client.fetch(URI.create(url), null, null))
                    .isInstanceOf(BlockedAddressException.class);
        }
    }

    @Test
    void the_local_server_is_unreachable_without_the_private_network_flag() throws Exception {
        try (SafeHttpClient client = SafeHttpClient.create(SafeHttpClient.Settings.defaults())) {
            assertThatThrownBy(() -> client.fetch(local("/feed.ics"), null, null))
                    .isInstanceOf(BlockedAddressException.class);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void a_redirect_to_another_loopback_address_is_checked_and_refused() throws Exception {
        // The first hop (127.0.0.1, this test's server) is exempt; the redirect target is not.
        AddressPolicy policy = AddressPolicy.publicOnly().except(Set.of(InetAddress.getByName("127.0.0.1")));
        try (SafeHttpClient client = new SafeHttpClient(SafeHttpClient.Settings.defaults(),
                InetAddress::getAllByName, policy)) {
            assertThatThrownBy(() -> client.fetch(local("/redirect-to-other-loopback"), null, null))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("127.0.0.2 is loopback");
        }
        assertThat(requests).containsExactly("GET /redirect-to-other-loopback");
    }

    @Test
    void a_redirect_to_a_name_resolving_to_the_metadata_address_is_refused() throws Exception {
        AddressPolicy policy = AddressPolicy.publicOnly().except(Set.of(InetAddress.getByName("127.0.0.1")));
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = new SafeHttpClient(SafeHttpClient.Settings.defaults(),
                fakeDns(Map.of("127.0.0.1", "127.0.0.1", "metadata.test", "169.254.169.254"), lookups), policy)) {
            assertThatThrownBy(() -> client.fetch(local("/redirect-to-metadata"), null, null))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("cloud metadata");
        }
    }

    @Test
    void a_redirect_to_a_file_url_is_refused() throws Exception {
        try (SafeHttpClient client = privateAllowed()) {
            assertThatThrownBy(() -> client.fetch(local("/redirect-to-file"), null, null))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("'file'");
        }
    }

    @Test
    void redirects_are_followed_at_most_three_times() throws Exception {
        try (SafeHttpClient client = privateAllowed()) {
            assertThatThrownBy(() -> client.fetch(local("/loop"), null, null))
                    .isInstanceOf(CalendarException.class).hasMessageContaining("more than 3 redirects");
        }
        assertThat(requests).hasSize(4);
    }

    @Test
    void a_redirect_within_the_limit_is_followed() throws Exception {
        try (SafeHttpClient client = privateAllowed()) {
            var result = client.fetch(local("/redirect-to-feed"), null, null);
            assertThat(result).isInstanceOf(SafeHttpClient.FetchResult.Fetched.class);
        }
        assertThat(requests).containsExactly("GET /redirect-to-feed", "GET /feed.ics");
    }

    @Test
    void an_unchanged_feed_answers_not_modified() throws Exception {
        try (SafeHttpClient client = privateAllowed()) {
            var first = (SafeHttpClient.FetchResult.Fetched) client.fetch(local("/feed.ics"),
                    SafeHttpClient.Validators.none(), null);
            assertThat(first.validators().etag()).isEqualTo("\"v1\"");
            assertThat(first.validators().lastModified()).isEqualTo("Wed, 25 Nov 2026 10:00:00 GMT");

            var second = client.fetch(local("/feed.ics"), first.validators(), null);

            assertThat(second).isInstanceOf(SafeHttpClient.FetchResult.NotModified.class);
            assertThat(lastHeaders).containsEntry("if-modified-since", "Wed, 25 Nov 2026 10:00:00 GMT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big-with-length", "/big-chunked"})
    void a_body_over_the_limit_is_refused(String path) throws Exception {
        try (SafeHttpClient client = SafeHttpClient.create(SafeHttpClient.Settings.defaults()
                .withAllowPrivateNetworks(true).withMaxBytes(1024 * 1024))) {
            assertThatThrownBy(() -> client.fetch(local(path), null, null))
                    .isInstanceOf(CalendarException.class).hasMessage("response larger than 1048576 bytes");
        }
    }

    @Test
    void basic_credentials_are_sent_and_a_404_is_an_error() throws Exception {
        try (SafeHttpClient client = privateAllowed()) {
            assertThatThrownBy(() -> client.fetch(local("/missing"), null,
                    new SafeHttpClient.BasicCredentials("agent", "s3cret")))
                    .isInstanceOf(CalendarException.class).hasMessage("HTTP 404 from 127.0.0.1");
        }
        assertThat(lastHeaders.get("authorization")).isEqualTo("Basic YWdlbnQ6czNjcmV0");
    }

    @Test
    void a_server_that_trickles_its_answer_is_cut_at_the_deadline() throws Exception {
        // a byte every 100 ms never trips the 500 ms read timeout; the whole request still ends after 1 s
        var settings = new SafeHttpClient.Settings(true, Duration.ofSeconds(1), Duration.ofMillis(500),
                1024 * 1024, 0, Duration.ofSeconds(1));
        try (SafeHttpClient client = SafeHttpClient.create(settings)) {
            assertThatThrownBy(() -> client.fetch(local("/trickle"), null, null))
                    .isInstanceOf(CalendarException.class)
                    .hasMessage("no complete answer from 127.0.0.1 within 1 s");
        }
    }

    @Test
    void with_no_room_for_a_body_only_the_status_is_read() throws Exception {
        var settings = new SafeHttpClient.Settings(true, Duration.ofSeconds(1), Duration.ofSeconds(5), 0, 0,
                Duration.ofSeconds(10));
        try (SafeHttpClient client = SafeHttpClient.create(settings)) {
            SafeHttpClient.Response r = client.send("GET", local("/big-chunked"), Map.of(), null, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void a_slow_server_times_out_with_a_clean_error() throws Exception {
        var settings = new SafeHttpClient.Settings(true, Duration.ofSeconds(1), Duration.ofMillis(300),
                1024 * 1024, 3, Duration.ofSeconds(60));
        try (SafeHttpClient client = SafeHttpClient.create(settings)) {
            assertThatThrownBy(() -> client.fetch(local("/slow"), null, null))
                    .isInstanceOf(CalendarException.class).hasMessageContaining("cannot reach 127.0.0.1");
        }
    }

    @Test
    void credentials_are_not_forwarded_to_another_host() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        try (SafeHttpClient client = new SafeHttpClient(SafeHttpClient.Settings.defaults(),
                fakeDns(Map.of("127.0.0.1", "127.0.0.1", "other.test", "127.0.0.1"), lookups),
                AddressPolicy.privateNetworksToo())) {
            assertThatThrownBy(() -> client.fetch(local("/redirect-to-other-host"), null,
                    new SafeHttpClient.BasicCredentials("agent", "s3cret")))
                    .isInstanceOf(CalendarException.class).hasMessage("HTTP 404 from 127.0.0.1");
        }
        assertThat(requests).containsExactly("GET /redirect-to-other-host", "GET /missing");
        assertThat(lastHeaders).doesNotContainKey("authorization");
    }

    @Test
    void a_name_that_rebinds_to_a_private_address_is_refused_on_the_next_request() throws Exception {
        // First answer: the test server (exempt); every later answer: a private address. Each request is checked.
        AtomicInteger lookups = new AtomicInteger();
        SafeHttpClient.HostResolver rebinding = host -> new InetAddress[]{
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.5")};
        AddressPolicy policy = AddressPolicy.publicOnly().except(Set.of(InetAddress.getByName("127.0.0.1")));
        URI url = URI.create("http://rebind.test:" + server.getAddress().getPort() + "/feed.ics");
        try (SafeHttpClient client = new SafeHttpClient(SafeHttpClient.Settings.defaults(), rebinding, policy)) {
            // "Connection: close" so the second request needs a new connection (a pooled one was already checked).
            assertThat(client.send("GET", url, Map.of("Connection", "close"), null, null).status()).isEqualTo(200);
            assertThatThrownBy(() -> client.fetch(url, null, null))
                    .isInstanceOf(BlockedAddressException.class).hasMessageContaining("10.0.0.5");
        }
        assertThat(requests).containsExactly("GET /feed.ics");
    }

    @Test
    void the_private_network_flag_comes_from_the_environment() {
        assertThat(SafeHttpClient.Settings.fromEnvironment(Map.of()).allowPrivateNetworks()).isFalse();
        assertThat(SafeHttpClient.Settings.fromEnvironment(Map.of("ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS", "true"))
                .allowPrivateNetworks()).isTrue();
    }
}
