package dev.rota.calendar;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zone rules built from a calendar's own VTIMEZONE, for custom zones no table knows ("Customized Time Zone",
 * "GMT +0100 (Standard) / GMT +0200 (Daylight)"). Understands the shape Exchange and Outlook write: one STANDARD
 * and one DAYLIGHT block, each a yearly rule {@code BYMONTH=m;BYDAY=nDD}; the latest block of each kind wins.
 * Blocks without such a rule, or with equal offsets, give a fixed offset. Anything else: empty.
 */
final class VTimeZoneRules {

    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})(\\d{2})?");
    private static final Pattern BYDAY = Pattern.compile("([+-]?\\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)");
    private static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private record Observance(LocalDateTime start, ZoneOffset from, ZoneOffset to, Map<String, String> rule) {
    }

    private VTimeZoneRules() {
    }

    static Optional<ZoneRules> from(IcsTree.Component vtimezone) {
        try {
            Optional<Observance> standard = latest(vtimezone, "STANDARD");
            Optional<Observance> daylight = latest(vtimezone, "DAYLIGHT");
            if (standard.isEmpty()) {
                return daylight.map(d -> d.to().getRules());
            }
            ZoneOffset standardOffset = standard.get().to();
            if (daylight.isEmpty() || daylight.get().to().equals(standardOffset)) {
                return Optional.of(standardOffset.getRules());
            }
            Optional<ZoneOffsetTransitionRule> toDaylight = rule(daylight.get(), standardOffset);
            Optional<ZoneOffsetTransitionRule> toStandard = rule(standard.get(), standardOffset);
            if (toDaylight.isEmpty() || toStandard.isEmpty()) {
                return Optional.of(standardOffset.getRules());
            }
            // java.time applies "last rules" only after the last explicit transition, so seed one year of them.
            List<ZoneOffsetTransition> seeded = new ArrayList<>(List.of(
                    toDaylight.get().createTransition(1970), toStandard.get().createTransition(1970)));
            seeded.sort(Comparator.comparing(ZoneOffsetTransition::getInstant));
            return Optional.of(ZoneRules.of(standardOffset, seeded.get(0).getOffsetBefore(), List.of(), seeded,
                    List.of(toDaylight.get(), toStandard.get())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Observance> latest(IcsTree.Component vtimezone, String kind) {
        return vtimezone.children.stream()
                .filter(c -> c.name.equals(kind))
                .map(VTimeZoneRules::observance)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Observance::start));
    }

    private static Optional<Observance> observance(IcsTree.Component block) {
        Optional<ZoneOffset> to = block.value("TZOFFSETTO").flatMap(VTimeZoneRules::offset);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        ZoneOffset from = block.value("TZOFFSETFROM").flatMap(VTimeZoneRules::offset).orElse(to.get());
        LocalDateTime start = block.value("DTSTART").flatMap(IcsValues::wallTime).orElse(LocalDateTime.MIN);
        Map<String, String> rule = block.value("RRULE").map(IcsValues::ruleParts).orElse(Map.of());
        return Optional.of(new Observance(start, from, to.get(), rule));
    }

    private static Optional<ZoneOffsetTransitionRule> rule(Observance o, ZoneOffset standardOffset) {
        String month = o.rule().get("BYMONTH");
        String byDay = o.rule().get("BYDAY");
        if (!"YEARLY".equals(o.rule().get("FREQ")) || month == null || byDay == null || o.from().equals(o.to())) {
            return Optional.empty();
        }
        Matcher day = BYDAY.matcher(byDay.toUpperCase(Locale.ROOT));
        if (!day.matches()) {
            return Optional.empty();
        }
        int nth = day.group(1) == null ? 1 : Integer.parseInt(day.group(1).replace("+", ""));
        int indicator = nth > 0 ? 1 + 7 * (nth - 1) : -1 - 7 * (-nth - 1);
        DayOfWeek dayOfWeek = DayOfWeek.of(DAYS.indexOf(day.group(2)) + 1);
        LocalTime time = o.start().toLocalTime();
        return Optional.of(ZoneOffsetTransitionRule.of(Month.of(Integer.parseInt(month)), indicator, dayOfWeek,
                time, false, TimeDefinition.WALL, standardOffset, o.from(), o.to()));
    }

    static Optional<ZoneOffset> offset(String value) {
        Matcher m = OFFSET.matcher(value.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int seconds = Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60
                + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
        return Optional.of(ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? -seconds : seconds));
    }
}
