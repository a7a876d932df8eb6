package dev.rota.calendar;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Out-of-office periods found in a calendar, sorted by start, plus warnings about what was skipped or cut
 * (an unknown zone, a rule over the occurrence limit, an oversized line).
 */
public record ParseResult(List<CalendarPeriod> periods, List<String> warnings) {

    public ParseResult {
        periods = List.copyOf(requireNonNull(periods, "periods"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings"));
    }
}
