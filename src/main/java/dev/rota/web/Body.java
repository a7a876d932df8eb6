package dev.rota.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body field by field, collecting every problem with its field name; {@link #validate()}
 * throws them all at once. Absent fields read as "unchanged" ({@link #has}), which is what PATCH needs.
 */
public final class Body {

    /** A mailbox as people type it: no spaces or markup in the local part, a host name after the @. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[^@\\s<>()\\[\\]\\\\,;:\"]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*$");

    private final JsonNode node;
    /** Shared with the objects nested in this one, whose fields are named {@code prefix + name}. */
    private final List<FieldError> errors;
    private final String prefix;

    private Body(JsonNode node, String prefix, List<FieldError> errors, String... allowedFields) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
        Set<String> allowed = Set.of(allowedFields);
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                error(name, "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    public static Body of(JsonNode node, String... allowedFields) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return new Body(node, "", new ArrayList<>(), allowedFields);
    }

    /**
     * The object in {@code field}, read like the body; its problems are this body's, named {@code field.name}.
     * Null when the field is absent or JSON null, and when it is not an object (an error).
     */
    public Body object(String field, String... allowedFields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error(field, "must be a JSON object");
            return null;
        }
        return new Body(value, prefix + field + ".", errors, allowedFields);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** Given with a value: neither absent nor JSON null (in a PATCH, both mean "leave it"). */
    public boolean present(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public void error(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }


    public void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Non-blank text, trimmed; null (and an error) when missing or blank. */
    public String requiredText(String field, int maxLength) {
        if (!has(field) || node.get(field).isNull()) {
            error(field, "is required");
            return null;
        }
        return text(field, maxLength);
    }

    /** Text, trimmed; null when absent or null, null and an error when blank, too long or not text. */
    public String text(String field, int maxLength) {
        String value = string(field);
        if (value == null) {
            return null;
        }
        String line = notALine(value);
        if (line != null) {
            error(field, line);
            return null;
        }
        String text = value.trim();
        if (text.isEmpty()) {
            error(field, "must not be blank");
            return null;
        }
        return fits(field, text, maxLength) ? text : null;
    }

    /**
     * A secret (a password) exactly as sent — never trimmed, since spaces may be part of it; null when absent or
     * null, null and an error when empty, too long or not text. Lengths count characters (code points).
     */
    public String secret(String field, int maxLength) {
        String value = string(field);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            error(field, "must not be empty");
            return null;
        }
        return fits(field, value, maxLength) ? value : null;
    }

    /** Characters as people count them: a code point each (an emoji is one, not two UTF-16 units). */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    private boolean fits(String field, String text, int maxLength) {
        if (characters(text) > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return false;
        }
        return true;
    }

    /** The field's string, refused (null and an error) when not a string or not storable as text. */
    private String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.stringValue();
        String problem = unstorable(text);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return text;
    }

    /** Why this text cannot be stored as sent, or null when it can (every text field's first check). */
    public static String unstorable(String text) {
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL's text cannot hold it, and trim() would drop one at either end unseen
            return "must not contain the NUL character (U+0000)";
        }
        if (unpairedSurrogate(text)) {
            // half of a UTF-16 pair is no character: it would be stored as '?'
            return "must be valid Unicode (it holds half of a UTF-16 surrogate pair)";
        }
        return null;
    }

    /**
     * Why this text is no name, title or line of text, or null: besides {@link #unstorable}, control characters
     * (other than tab) are refused — a line break or an escape sequence in a name breaks pages, exports and logs.
     */
    public static String notALine(String text) {
        String problem = unstorable(text);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && Character.getType(c) == Character.CONTROL) {
                return String.format("must not contain control characters (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** Ids (or values) as an error message lists them: the first ten, and how many more. */
    public static String some(java.util.Collection<?> values) {
        List<String> shown = values.stream().limit(10).map(String::valueOf).toList();
        return "[" + String.join(", ", shown) + (values.size() > 10 ? ", … (" + (values.size() - 10) + " more)" : "")
                + "]";
    }

    /** A value as an error message quotes it: at most 64 characters of it, so a huge value is not echoed. */
    public static String quote(String value) {
        String v = String.valueOf(value);
        return "'" + (characters(v) <= 64 ? v : v.substring(0, v.offsetByCodePoints(0, 64)) + "…")
                + "'";
    }

    private static boolean unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public String email(String field, boolean required) {
        String text = required ? requiredText(field, 254) : text(field, 254);
        if (text != null && !isEmail(text)) {
            error(field, quote(text) + " is not an email address");
            return null;
        }
        return text;
    }

    /**
     * A mailbox as {@link #EMAIL} has it, within RFC 5321's limits (a local part of at most 64 bytes, host labels
     * of at most 63 characters), with no dot at either end of the local part or two in a row, and no invisible
     * formatting characters (a zero-width space would make two addresses that look the same).
     */
    static boolean isEmail(String text) {
        if (!EMAIL.matcher(text).matches()) {
            return false;
        }
        String local = text.substring(0, text.lastIndexOf('@'));
        String host = text.substring(text.lastIndexOf('@') + 1);
        if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64 || local.startsWith(".")
                || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (String label : host.split("\\.")) {
            if (characters(label) > 63) {
                return false;
            }
        }
        return text.codePoints().noneMatch(c -> Character.getType(c) == Character.FORMAT);
    }

    public ZoneId zone(String field, boolean required) {
        String text = required ? requiredText(field, 64) : text(field, 64);
        if (text == null) {
            return null;
        }
        return TimeZones.parse(text).orElseGet(() -> {
            error(field, quote(text) + " is not an IANA time zone (e.g. Europe/Amsterdam)");
            return null;
        });
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String text = required ? requiredText(field, 64) : text(field, 64);
        return text == null ? null : parseEnum(field, text, type);
    }

    public <E extends Enum<E>> Set<E> enumSet(String field, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            error(field, "must be an array");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString()) {
                error(field + "[" + i + "]", "must be a string");
                continue;
            }
            E e = parseEnum(field + "[" + i + "]", item.stringValue(), type);
            if (e != null) {
                result.add(e);
            }
        }
        return result;
    }

    private <E extends Enum<E>> E parseEnum(String field, String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> accepted = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            accepted.add(constant.name());
        }
        error(field, "unknown value " + quote(text) + "; accepted: " + accepted);
        return null;
    }

    /** A whole number in {@code [min, max]}, or null when absent or JSON null. */
    public Integer nullableInt(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number");
            return null;
        }
        int i = value.intValue();
        if (i < min || i > max) {
            error(field, "must be between " + min + " and " + max + ", was " + i);
            return null;
        }
        return i;
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** A list of ids; duplicates collapse, order is kept. Malformed ids are field errors. */
    public List<UUID> ids(String field) {
        Set<UUID> result = new LinkedHashSet<>();
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return new ArrayList<>(result);
        }
        if (!value.isArray()) {
            error(field, "must be an array of ids");
            return new ArrayList<>(result);
        }
        for (int i = 0; i < value.size(); i++) {
            UUID id = value.get(i).isString() ? dev.rota.platform.Ids.parseOrNull(value.get(i).stringValue()) : null;
            if (id == null) {
                error(field + "[" + i + "]", "is not a valid id");
            } else {
                result.add(id);
            }
        }
        return new ArrayList<>(result);
    }

    /** A list of strings, or null when absent or JSON null. */
    public List<String> strings(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            error(field, "must be an array of strings");
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String problem = item.isString() ? notALine(item.stringValue()) : null;
            if (!item.isString() || characters(item.stringValue()) > maxLength) {
                error(field + "[" + i + "]", "must be a string of at most " + maxLength + " characters");
            } else if (problem != null) {
                error(field + "[" + i + "]", problem);
            } else {
                result.add(item.stringValue());
            }
        }
        return result;
    }

    public UUID id(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        UUID id = value.isString() ? dev.rota.platform.Ids.parseOrNull(value.stringValue()) : null;
        if (id == null) {
            error(field, "is not a valid id");
        }
        return id;
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    /**
     * IANA region ids only: fixed offsets ({@code Etc/GMT+5}, {@code SystemV/EST5}, {@code +02:00}) are refused because a
     * person living by one would see their hours shift at daylight saving; UTC itself is taken for those who want it.
     */
    public static final class TimeZones {
        private TimeZones() {
        }

        public static java.util.Optional<ZoneId> parse(String text) {
            if (text == null || !ZoneId.getAvailableZoneIds().contains(text)) {
                return java.util.Optional.empty();
            }
            try {
                ZoneId zone = ZoneId.of(text);
                boolean utc = text.equals("UTC") || text.equals("Etc/UTC");
                if (!utc && (text.startsWith("Etc/") || text.startsWith("SystemV/") || zone.getRules().isFixedOffset())) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(zone);
            } catch (DateTimeException e) {
                return java.util.Optional.empty();
            }
        }
    }
}
