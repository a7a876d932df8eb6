package dev.rota.calendar;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A CalDAV calendar collection, read and written through {@link SafeHttpClient}. Resource names are
 * {@code <collection>/<uid>.ics}. Writes are conditional: a create sends {@code If-None-Match: *}, an update or
 * delete sends {@code If-Match} with the last known ETag, so a concurrent edit on the server is never overwritten
 * (a 412 comes back as a {@link CalendarException} saying so).
 */
public final class CalDavClient {

    private static final String DAV = "DAV:";
    private static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    private static final String CALSERVER = "http://calendarserver.org/ns/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What tells a client whether the collection changed; either may be null if the server lacks it. */
    public record CollectionState(String ctag, String syncToken) {
    }

    /** One calendar object resource. */
    public record RemoteEvent(URI href, String etag, String ics) {
    }

    private final SafeHttpClient http;
    private final URI collection;
    private final SafeHttpClient.BasicCredentials credentials;

    /** @param collectionUrl the calendar collection; a trailing slash is added when missing */
    public CalDavClient(SafeHttpClient http, URI collectionUrl, SafeHttpClient.BasicCredentials credentials) {
        this.http = requireNonNull(http, "http");
        String url = requireNonNull(collectionUrl, "collectionUrl").toString();
        this.collection = URI.create(url.endsWith("/") ? url : url + "/");
        this.credentials = credentials;
    }

    /** PROPFIND depth 0 for {@code getctag} and {@code sync-token}. */
    public CollectionState state() throws CalendarException {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
                  <d:prop><cs:getctag/><d:sync-token/></d:prop>
                </d:propfind>""";
        SafeHttpClient.Response response = request("PROPFIND", collection, "0", body, Map.of());
        expect(response, "PROPFIND", 207);
        Document xml = parse(response.body());
        return new CollectionState(firstText(xml.getDocumentElement(), CALSERVER, "getctag").orElse(null),
                firstText(xml.getDocumentElement(), DAV, "sync-token").orElse(null));
    }

    /** REPORT calendar-query: the VEVENT resources with an occurrence in {@code [from, to)}. */
    public List<RemoteEvent> list(Instant from, Instant to) throws CalendarException {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><d:getetag/><c:calendar-data/></d:prop>
                  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
                    <c:time-range start="%s" end="%s"/>
                  </c:comp-filter></c:comp-filter></c:filter>
                </c:calendar-query>""".formatted(UTC.format(from), UTC.format(to));
        SafeHttpClient.Response response = request("REPORT", collection, "1", body, Map.of());
        expect(response, "REPORT", 207);
        List<RemoteEvent> events = new ArrayList<>();
        NodeList responses = parse(response.body()).getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element item = (Element) responses.item(i);
            Optional<String> href = firstText(item, DAV, "href");
            Optional<String> ics = firstText(item, CALDAV, "calendar-data");
            if (href.isPresent() && ics.isPresent()) {
                events.add(new RemoteEvent(collection.resolve(href.get()),
                        firstText(item, DAV, "getetag").orElse(null), ics.get()));
            }
        }
        return events;
    }

    /**
     * Creates ({@code etagOrNull == null}) or updates {@code <collection>/<uid>.ics}.
     *
     * @return the new ETag, or null when the server did not send one
     */
    public String put(String uid, String icsText, String etagOrNull) throws CalendarException {
        requireNonNull(uid, "uid");
        requireNonNull(icsText, "icsText");
        URI href = collection.resolve(URLEncoder.encode(uid, StandardCharsets.UTF_8).replace("+", "%20") + ".ics");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(etagOrNull == null ? "If-None-Match" : "If-Match", etagOrNull == null ? "*" : etagOrNull);
        SafeHttpClient.Response response = http.send("PUT", href, withType(headers, "text/calendar; charset=utf-8"),
                icsText.getBytes(StandardCharsets.UTF_8), credentials);
        expect(response, "PUT " + href.getPath(), 200, 201, 204);
        return response.header("ETag").orElse(null);
    }

    /** Deletes a resource; one that is already gone (404) counts as deleted. */
    public void delete(URI href, String etag) throws CalendarException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (etag != null) {
            headers.put("If-Match", etag);
        }
        SafeHttpClient.Response response = http.send("DELETE", collection.resolve(href), headers, null, credentials);
        if (response.status() != 404) {
            expect(response, "DELETE " + href.getPath(), 200, 204);
        }
    }

    private SafeHttpClient.Response request(String method, URI uri, String depth, String body,
                                            Map<String, String> extra) throws CalendarException {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Depth", depth);
        return http.send(method, uri, withType(headers, "application/xml; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8), credentials);
    }

    private static Map<String, String> withType(Map<String, String> headers, String type) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("Content-Type", type);
        return copy;
    }

    private static void expect(SafeHttpClient.Response response, String what, int... statuses)
            throws CalendarException {
        for (int status : statuses) {
            if (response.status() == status) {
                return;
            }
        }
        if (response.status() == 412) {
            throw new CalendarException(what + ": the event changed on the server (412 Precondition Failed)");
        }
        throw new CalendarException(what + " failed: HTTP " + response.status());
    }

    private static Document parse(byte[] xml) throws CalendarException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new CalendarException("CalDAV server sent unreadable XML: " + e.getMessage(), e);
        }
    }

    private static Optional<String> firstText(Element scope, String namespace, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS(namespace, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            String text = node.getTextContent();
            if (text != null && !text.isBlank()) {
                return Optional.of(text.trim());
            }
        }
        return Optional.empty();
    }
}
