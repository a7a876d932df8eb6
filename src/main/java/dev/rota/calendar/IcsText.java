package dev.rota.calendar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unfolds and repairs calendar text before ical4j sees it, for the malformations ical4j's relaxed parsing still
 * chokes on: spaces inside RRULE values ({@code BYDAY=MO, TU}), a quoted parameter that swallowed the value
 * ({@code DTSTART;TZID="W. Europe Standard Time:20200609T090000"}), a byte-order mark, bare CR or LF line ends.
 * Logical lines longer than the limit are dropped (with a warning) while reading, so a 10 MB folded line never
 * sits in memory as one string.
 */
final class IcsText {

    private static final Pattern SWALLOWED_VALUE =
            Pattern.compile("^([A-Za-z0-9_-]+(?:;[^:\"]*?)?=)\"([^\"]*):([0-9TZ]+)\"\\s*$");

    private IcsText() {
    }

    static String clean(byte[] ics, int maxLineLength, List<String> warnings) {
        String text = new String(ics, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        StringBuilder out = new StringBuilder(Math.min(text.length() + 1024, Integer.MAX_VALUE / 2));
        StringBuilder logical = new StringBuilder();
        boolean tooLong = false;
        int lineNumber = 0;
        int logicalStart = 0;
        int pos = 0;
        int length = text.length();
        while (pos <= length) {
            int end = pos;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lineNumber++;
            boolean continuation = end > pos && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t');
            if (continuation && (logical.length() > 0 || tooLong)) {
                if (!tooLong && logical.length() + (end - pos - 1) > maxLineLength) {
                    tooLong = true;
                    logical.setLength(0);
                }
                if (!tooLong) {
                    logical.append(text, pos + 1, end);
                }
            } else {
                flush(logical, tooLong, logicalStart, maxLineLength, out, warnings);
                tooLong = end - pos > maxLineLength;
                logicalStart = lineNumber;
                if (!tooLong) {
                    logical.append(text, pos, end);
                }
            }
            if (end >= length) {
                break;
            }
            pos = end + (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        flush(logical, tooLong, logicalStart, maxLineLength, out, warnings);
        return out.toString();
    }

    private static void flush(StringBuilder logical, boolean tooLong, int lineNumber, int maxLineLength,
                              StringBuilder out, List<String> warnings) {
        if (tooLong) {
            warnings.add("line " + lineNumber + " is longer than " + maxLineLength + " characters; dropped");
        } else if (!logical.toString().isBlank()) {
            out.append(repair(logical.toString())).append("\r\n");
        }
        logical.setLength(0);
    }

    static String repair(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("RRULE") || upper.startsWith("EXRULE")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                return line.substring(0, colon + 1) + line.substring(colon + 1).replaceAll("\\s+", "");
            }
        }
        Matcher swallowed = SWALLOWED_VALUE.matcher(line);
        if (swallowed.matches()) {
            return swallowed.group(1) + "\"" + swallowed.group(2) + "\":" + swallowed.group(3);
        }
        return line;
    }
}
