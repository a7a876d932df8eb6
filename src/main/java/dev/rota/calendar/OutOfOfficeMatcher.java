package dev.rota.calendar;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether a calendar event means "out of office". An event is out of office when any rule in
 * {@link #RULES} says so:
 * <ol>
 *   <li>Outlook/Exchange: {@code X-MICROSOFT-CDO-BUSYSTATUS:OOF} or {@code X-MICROSOFT-CDO-INTENDEDSTATUS:OOF};</li>
 *   <li>Google: {@code X-GOOGLE-EVENT-TYPE:outOfOffice}, as written by Google API based exporters. Google's own
 *       secret-address feed does not mark the event type: an out-of-office entry arrives as a plain
 *       {@code TRANSP:OPAQUE} VEVENT whose summary is the title the user saw ("Out of office" by default), so
 *       rule 3 is what catches it;</li>
 *   <li>the title contains one of {@link #titlePatterns()} as a whole word or phrase, ignoring case
 *       ("OOO - dentist" matches "OOO", "Zoom meeting" does not match "OOO"). The pattern {@code *} matches
 *       every event (diagnostics and tests).</li>
 * </ol>
 * Transparency is deliberately ignored: Google marks all-day events {@code TRANSP:TRANSPARENT} by default,
 * so a "Vacation" all-day entry is transparent yet clearly out of office. A plain meeting is never out of office.
 */
public record OutOfOfficeMatcher(List<String> titlePatterns) {

    /** What a matcher sees of an event: its title and its (upper-cased) X- status properties. */
    record EventFacts(String title, String busyStatus, String intendedStatus, String googleEventType) {
    }

    private interface Rule {
        boolean says(EventFacts event, List<Pattern> titles);
    }

    private static final List<Rule> RULES = List.of(
            (event, titles) -> "OOF".equals(event.busyStatus()) || "OOF".equals(event.intendedStatus()),
            (event, titles) -> "OUTOFOFFICE".equals(event.googleEventType()),
            (event, titles) -> titles.stream().anyMatch(p -> p.matcher(event.title()).find()));

    public OutOfOfficeMatcher {
        titlePatterns = List.copyOf(requireNonNull(titlePatterns, "titlePatterns"));
        for (String pattern : titlePatterns) {
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("title pattern must not be blank: '" + pattern + "'");
            }
        }
    }

    /** "Out of office", "OOO", "Vacation", "Holiday", "Afwezig", "Vakantie", "Verlof". */
    public static OutOfOfficeMatcher defaults() {
        return new OutOfOfficeMatcher(List.of("Out of office", "OOO", "Vacation", "Holiday", "Afwezig",
                "Vakantie", "Verlof"));
    }

    /** Compiles the title patterns once; the predicate is reused for every event of a parse. */
    Predicate<EventFacts> compile() {
        List<Pattern> titles = titlePatterns.stream().map(OutOfOfficeMatcher::wholePhrase).toList();
        return event -> RULES.stream().anyMatch(rule -> rule.says(event, titles));
    }

    private static Pattern wholePhrase(String phrase) {
        if (phrase.equals("*")) {
            return Pattern.compile("(?s).*");
        }
        String words = Pattern.quote(phrase.trim().toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q");
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + words + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
