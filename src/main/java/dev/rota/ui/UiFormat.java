package dev.rota.ui;

import dev.rota.availability.WorkingRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Dates and times for templates ({@code @uiFormat}), in the request's language and a named zone. */
@Component("uiFormat")
public class UiFormat {

    /** "25 Nov 2026, 14:30 (Europe/Amsterdam)" in the viewer's language; empty for null. */
    public String at(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        return local(LocalDateTime.ofInstant(instant, zone)) + " (" + zone.getId() + ")";
    }

    public String local(LocalDateTime time) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).format(time);
    }

    public String date(java.time.LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(LocaleContextHolder.getLocale()).format(date);
    }

    /** "09:00–17:00, 22:00–24:00"; empty when there are none. */
    public String ranges(List<WorkingRange> ranges) {
        return ranges.stream().map(r -> r.start() + "–" + r.end()).collect(Collectors.joining(", "));
    }
}
