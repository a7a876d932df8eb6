package dev.rota.calendar;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The one outbound HTTP client for URLs users give (calendars, webhooks; Apache httpclient5, classic). Every request, and every
 * redirect hop, must be {@code http}/{@code https}; the host is resolved once, by the client's own
 * {@link DnsResolver}, and refused with a {@link BlockedAddressException} if any resolved address is not public
 * (see {@link AddressPolicy}); the connection then goes to exactly the addresses that were checked, so a second,
 * rebinding DNS answer is never asked for. Redirects are followed here, not by httpclient, at most
 * {@link Settings#maxRedirects()} times; credentials are not forwarded to another host. Bodies are read up to
 * {@link Settings#maxBytes()}. No proxy, no cookies, no retries. A pooled keep-alive connection is reused only
 * for the same host and port, and was opened to an address that passed the check; every new connection resolves
 * and checks again.
 */
public final class SafeHttpClient implements AutoCloseable {

    /**
     * @param allowPrivateNetworks lifts the address rule ({@code ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS}); the scheme
     *                             rule and the redirect limit still apply
     */
    public record Settings(boolean allowPrivateNetworks, Duration connectTimeout, Duration readTimeout, int maxBytes,
                           int maxRedirects, Duration deadline) {
        public Settings {
            requireNonNull(connectTimeout, "connectTimeout");
            requireNonNull(readTimeout, "readTimeout");
            requireNonNull(deadline, "deadline");
            if (maxBytes < 0 || maxRedirects < 0) {
                throw new IllegalArgumentException("maxBytes " + maxBytes + " / maxRedirects " + maxRedirects);
            }
        }

        /**
         * Public networks only, 10 s to connect and between two reads, 60 s for a whole request (a server that
         * trickles its answer byte by byte does not hold a thread for longer), 5 MB bodies, 3 redirects.
         */
        public static Settings defaults() {
            return new Settings(false, Duration.ofSeconds(10), Duration.ofSeconds(10), 5 * 1024 * 1024, 3,
                    Duration.ofSeconds(60));
        }

        /** Defaults, with {@code ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS=true} in {@code environment} lifting the
         * address rule (the environment is passed in, e.g. {@code System.getenv()}). */
        public static Settings fromEnvironment(Map<String, String> environment) {
            return defaults().withAllowPrivateNetworks(
                    Boolean.parseBoolean(environment.getOrDefault("ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS", "false")));
        }

        public Settings withAllowPrivateNetworks(boolean allow) {
            return new Settings(allow, connectTimeout, readTimeout, maxBytes, maxRedirects, deadline);
        }

        public Settings withMaxBytes(int bytes) {
            return new Settings(allowPrivateNetworks, connectTimeout, readTimeout, bytes, maxRedirects, deadline);
        }
    }

    /** HTTP basic credentials, sent preemptively to the URL's host only. */
    public record BasicCredentials(String username, String password) {
        public BasicCredentials {
            requireNonNull(username, "username");
            requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "BasicCredentials[username=" + username + ", password=***]";
        }
    }

    /** Validators from the last good download; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static Validators none() {
            return new Validators(null, null);
        }
    }

    /** Outcome of a conditional GET. */
    public sealed interface FetchResult {
        record Fetched(byte[] body, Validators validators) implements FetchResult {
        }

        record NotModified() implements FetchResult {
        }
    }

    /** Any response: status, headers (names lower-cased, first value), body (bounded). */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Name resolution, replaceable in tests ("evil.test" → 10.0.0.5 without real DNS). */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Settings settings;
    private final AddressPolicy policy;
    private final HostResolver resolver;
    private final CloseableHttpClient client;

    /** Production client: system DNS; the address rule unless {@code settings.allowPrivateNetworks()}. */
    public static SafeHttpClient create(Settings settings) {
        return new SafeHttpClient(settings, InetAddress::getAllByName,
                settings.allowPrivateNetworks() ? AddressPolicy.privateNetworksToo() : AddressPolicy.publicOnly());
    }

    SafeHttpClient(Settings settings, HostResolver resolver, AddressPolicy policy) {
        this.settings = requireNonNull(settings, "settings");
        this.policy = requireNonNull(policy, "policy");
        this.resolver = requireNonNull(resolver, "resolver");
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver(requireNonNull(resolver, "resolver"), policy))
                        .setDefaultConnectionConfig(connection)
                        // a request's head and body go out at once, not 40 ms apart (Nagle and a delayed ACK)
                        .setDefaultSocketConfig(org.apache.hc.core5.http.io.SocketConfig.custom()
                                .setTcpNoDelay(true).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * GET a feed, conditionally when validators are given.
     *
     * @throws CalendarException on a refused address, network failure, non-2xx status, or a body over the limit
     */
    public FetchResult fetch(URI url, Validators validators, BasicCredentials credentials) throws CalendarException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (validators != null && validators.etag() != null) {
            headers.put("If-None-Match", validators.etag());
        }
        if (validators != null && validators.lastModified() != null) {
            headers.put("If-Modified-Since", validators.lastModified());
        }
        headers.put("Accept", "text/calendar, */*;q=0.5");
        Response response = send("GET", url, headers, null, credentials);
        if (response.status() == 304) {
            return new FetchResult.NotModified();
        }
        if (response.status() < 200 || response.status() > 299) {
            throw new CalendarException("HTTP " + response.status() + " from " + url.getHost());
        }
        return new FetchResult.Fetched(response.body(), new Validators(response.header("ETag").orElse(null),
                response.header("Last-Modified").orElse(null)));
    }

    /**
     * Any method (GET, PROPFIND, REPORT, PUT, DELETE, MKCALENDAR…), following redirects itself. Returns every
     * final status; throws only when no acceptable response could be had.
     */
    public Response send(String method, URI url, Map<String, String> headers, byte[] body,
                         BasicCredentials credentials) throws CalendarException {
        requireNonNull(method, "method");
        URI current = requireNonNull(url, "url");
        String currentMethod = method;
        byte[] currentBody = body;
        BasicCredentials currentCredentials = credentials;
        for (int hop = 0; ; hop++) {
            checkTarget(current);
            Response response = once(currentMethod, current, headers, currentBody, currentCredentials);
            Optional<String> location = response.header("Location");
            if (!REDIRECTS.contains(response.status()) || location.isEmpty() || settings.maxRedirects() == 0) {
                return response; // following none (webhooks), a redirect is the answer
            }
            if (hop >= settings.maxRedirects()) {
                throw new CalendarException("more than " + settings.maxRedirects() + " redirects from "
                        + url.getHost());
            }
            URI next;
            try {
                next = current.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new CalendarException("invalid redirect location '" + location.get() + "'");
            }
            if (!sameOrigin(current, next)) {
                currentCredentials = null;
            }
            if (response.status() == 303 && !currentMethod.equals("HEAD")) {
                currentMethod = "GET";
                currentBody = null;
            }
            current = next;
        }
    }

    /** Cancels requests that outlive their deadline; one daemon thread for every client. */
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rota-http-deadlines");
                t.setDaemon(true);
                return t;
            });

    private Response once(String method, URI url, Map<String, String> headers, byte[] body,
                          BasicCredentials credentials) throws CalendarException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, url);
        if (headers != null) {
            headers.forEach(request::addHeader);
        }
        if (credentials != null) {
            String token = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
            request.addHeader("Authorization", "Basic " + token);
        }
        if (body != null) {
            String type = headers == null ? null : headers.get("Content-Type");
            request.setEntity(new ByteArrayEntity(body, type == null ? ContentType.APPLICATION_OCTET_STREAM
                    : ContentType.parse(type)));
        }
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            late.set(true);
            request.cancel();
        }, settings.deadline().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                responseHeaders.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            // maxBytes 0: only the status matters (a webhook receiver's answer)
            byte[] content = settings.maxBytes() == 0 ? new byte[0] : read(response.getEntity());
            return new Response(response.getCode(), Map.copyOf(responseHeaders), content);
        } catch (RefusedAddress e) {
            throw new BlockedAddressException(e.getMessage());
        } catch (IOException e) {
            if (late.get()) {
                throw new CalendarException("no complete answer from " + url.getHost() + " within "
                        + settings.deadline().toSeconds() + " s");
            }
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof RefusedAddress refused) {
                    throw new BlockedAddressException(refused.getMessage());
                }
                cause = cause.getCause();
            }
            throw new CalendarException("cannot reach " + url.getHost() + ": " + describe(e), e);
        } finally {
            deadline.cancel(false);
        }
    }

    private byte[] read(HttpEntity entity) throws IOException, CalendarException {
        if (entity == null) {
            return new byte[0];
        }
        int limit = settings.maxBytes();
        if (entity.getContentLength() > limit) {
            throw new CalendarException("response larger than " + limit + " bytes");
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw new CalendarException("response larger than " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * The checks a request would make before connecting, without connecting: scheme, host, no user info, and every
     * address the host resolves to now. For refusing a URL when it is linked; every request checks again.
     *
     * @throws BlockedAddressException naming what is refused (also when the host cannot be resolved)
     */
    public void checkUrl(URI url) throws BlockedAddressException {
        requireNonNull(url, "url");
        checkTarget(url);
        try {
            new CheckingResolver(resolver, policy).resolve(url.getHost());
        } catch (RefusedAddress e) {
            throw new BlockedAddressException(e.getMessage());
        } catch (UnknownHostException e) {
            throw new BlockedAddressException("the URL's host cannot be resolved: " + url.getHost());
        }
    }

    private void checkTarget(URI url) throws BlockedAddressException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedAddressException("only http and https URLs are allowed, not '" + scheme + "'");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new BlockedAddressException("the URL has no host: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new BlockedAddressException("credentials inside the URL are not allowed");
        }
        if (url.getPort() == 0 || url.getPort() > 65535) { // -1: the scheme's own
            throw new BlockedAddressException("the URL's port must be 1 to 65535, not " + url.getPort());
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (literal.matches("[0-9.]+") || literal.contains(":")) {
            try {
                InetAddress address = InetAddress.getByName(literal); // a literal: no DNS lookup
                Optional<String> refusal = policy.refusal(address);
                if (refusal.isPresent()) {
                    throw new BlockedAddressException(host + " is " + refusal.get());
                }
            } catch (UnknownHostException e) {
                throw new BlockedAddressException("the URL's host is not a valid address: " + host);
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost() == null ? "" : b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Resolves once and refuses the whole answer if any address is not allowed. */
    private record CheckingResolver(HostResolver resolver, AddressPolicy policy) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            for (InetAddress address : addresses) {
                Optional<String> refusal = policy.refusal(address);
                if (refusal.isPresent()) {
                    throw new RefusedAddress(host + " resolves to " + address.getHostAddress() + ", which is "
                            + refusal.get());
                }
            }
            return Arrays.copyOf(addresses, addresses.length);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }
}
