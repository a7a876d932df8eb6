package dev.rota.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a TZID as real exports write it into zone rules, trying in order:
 * <ol>
 *   <li>an IANA id or legacy alias ({@code Europe/Paris}, {@code US/Central}), also inside a path-like id;</li>
 *   <li>a Windows name ({@code W. Europe Standard Time}) via the CLDR table in {@code windows-zones.txt};</li>
 *   <li>an Outlook display name ({@code "(UTC+01:00) Amsterdam, Berlin, …"}): the first known fragment or IANA
 *       city name in it;</li>
 *   <li>the calendar's own VTIMEZONE rules ({@link VTimeZoneRules});</li>
 *   <li>the offset in the name ({@code GMT+10:00}) as a fixed offset, with a warning;</li>
 *   <li>the calendar's default zone (X-WR-TIMEZONE, else the user's zone), with a warning.</li>
 * </ol>
 * Quotes, surrounding spaces and case do not matter.
 */
final class ZoneResolver {

    private static final Map<String, String> WINDOWS = new HashMap<>();
    private static final Map<String, String> FRAGMENTS = new LinkedHashMap<>();
    private static final Map<String, String> CITIES = new HashMap<>();
    private static final Pattern OFFSET_IN_NAME =
            Pattern.compile("(?:UTC|GMT)\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern IANA_INSIDE = Pattern.compile("([A-Za-z]+/[A-Za-z_+\\-]+(?:/[A-Za-z_+\\-]+)?)$");

    static {
        loadTable();
        for (String id : ZoneId.getAvailableZoneIds()) {
            int slash = id.lastIndexOf('/');
            if (slash > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                CITIES.putIfAbsent(normalize(id.substring(slash + 1).replace('_', ' ')), id);
            }
        }
    }

    private final Map<String, IcsTree.Component> vtimezones;
    private final ZoneRules fallback;
    private final List<String> warnings;
    private final Map<String, ZoneRules> cache = new HashMap<>();

    ZoneResolver(Map<String, IcsTree.Component> vtimezones, ZoneRules fallback, List<String> warnings) {
        this.vtimezones = vtimezones;
        this.fallback = fallback;
        this.warnings = warnings;
    }

    ZoneRules fallback() {
        return fallback;
    }

    ZoneRules resolve(String rawTzid) {
        String tzid = clean(rawTzid);
        return cache.computeIfAbsent(tzid, this::lookUp);
    }

    /** The IANA/Windows/display-name steps only; used for X-WR-TIMEZONE and by tests. */
    static Optional<ZoneId> knownZone(String rawTzid) {
        String tzid = clean(rawTzid);
        if (tzid.isEmpty()) {
            return Optional.empty();
        }
        return iana(tzid).or(() -> windows(tzid)).or(() -> displayName(tzid));
    }

    private ZoneRules lookUp(String tzid) {
        Optional<ZoneId> known = knownZone(tzid);
        if (known.isPresent()) {
            return known.get().getRules();
        }
        IcsTree.Component vtimezone = vtimezones.get(tzid.toLowerCase(Locale.ROOT));
        if (vtimezone != null) {
            Optional<ZoneRules> rules = VTimeZoneRules.from(vtimezone);
            if (rules.isPresent()) {
                return rules.get();
            }
        }
        Matcher offset = OFFSET_IN_NAME.matcher(tzid);
        if (offset.find()) {
            int seconds = Integer.parseInt(offset.group(2)) * 3600
                    + (offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3)) * 60);
            try {
                ZoneOffset fixed = ZoneOffset.ofTotalSeconds(offset.group(1).equals("-") ? -seconds : seconds);
                warnings.add("time zone '" + tzid + "' is unknown; used fixed offset " + fixed);
                return fixed.getRules();
            } catch (DateTimeException e) {
                // fall through to the default zone
            }
        }
        warnings.add("time zone '" + tzid + "' is unknown; used the calendar's default zone");
        return fallback;
    }

    static String clean(String rawTzid) {
        String tzid = rawTzid == null ? "" : rawTzid.trim();
        if (tzid.length() >= 2 && tzid.startsWith("\"") && tzid.endsWith("\"")) {
            tzid = tzid.substring(1, tzid.length() - 1).trim();
        }
        return tzid.replace("\"", "");
    }

    private static Optional<ZoneId> iana(String tzid) {
        if (tzid.contains("/") || tzid.equalsIgnoreCase("UTC") || tzid.equalsIgnoreCase("GMT")) {
            try {
                return Optional.of(ZoneId.of(tzid));
            } catch (DateTimeException e) {
                Matcher inside = IANA_INSIDE.matcher(tzid);
                if (inside.find()) {
                    try {
                        return Optional.of(ZoneId.of(inside.group(1)));
                    } catch (DateTimeException ignored) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneId> windows(String tzid) {
        String key = tzid.toLowerCase(Locale.ROOT);
        String withoutOffset = key.replaceFirst("^\\((?:utc|gmt)[^)]*\\)\\s*", "");
        return Optional.ofNullable(WINDOWS.getOrDefault(key, WINDOWS.get(withoutOffset))).map(ZoneId::of);
    }

    private static Optional<ZoneId> displayName(String tzid) {
        String text = normalize(tzid.replaceFirst("^\\((?:UTC|GMT)[^)]*\\)", ""));
        String best = null;
        int bestIndex = Integer.MAX_VALUE;
        for (Map.Entry<String, String> fragment : FRAGMENTS.entrySet()) {
            int index = indexOfWord(text, fragment.getKey());
            if (index >= 0 && index < bestIndex) {
                bestIndex = index;
                best = fragment.getValue();
            }
        }
        int position = 0;
        for (String token : text.split("[,/()&;]")) {
            String city = token.trim();
            int index = text.indexOf(token, position);
            position = Math.max(position, index);
            if (!city.isEmpty() && CITIES.containsKey(city) && index < bestIndex) {
                bestIndex = index;
                best = CITIES.get(city);
            }
        }
        return Optional.ofNullable(best).map(ZoneId::of);
    }

    private static int indexOfWord(String text, String word) {
        Matcher m = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).trim();
    }

    private static void loadTable() {
        try (InputStream in = ZoneResolver.class.getResourceAsStream("windows-zones.txt")) {
            if (in == null) {
                throw new IllegalStateException("windows-zones.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int eq = line.lastIndexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String zone = line.substring(eq + 1).trim();
                ZoneId.of(zone); // fail fast on a typo in the table
                if (line.startsWith("~")) {
                    FRAGMENTS.put(normalize(line.substring(1, eq)), zone);
                } else {
                    WINDOWS.put(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), zone);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
