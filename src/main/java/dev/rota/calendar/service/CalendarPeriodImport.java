package dev.rota.calendar.service;

import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.service.Availability;
import dev.rota.availability.service.Availability.CalendarOccurrence;
import dev.rota.calendar.CalendarException;
import dev.rota.calendar.CalendarPeriod;
import dev.rota.calendar.service.CalendarLinkRepository.Key;
import dev.rota.calendar.service.CalendarLinkRepository.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Turns the out-of-office periods read from a linked calendar into the user's CALENDAR periods. */
@Component
class CalendarPeriodImport {

    static final String CAUSE = "CALENDAR";

    private final CalendarLinkRepository links;
    private final Availability availability;
    private final TransactionTemplate tx;

    CalendarPeriodImport(CalendarLinkRepository links, Availability availability, TransactionTemplate tx) {
        this.links = links;
        this.availability = availability;
        this.tx = tx;
    }

    /**
     * The periods that may be stored: not one Rota wrote itself (its UID is a Rota period id), and a valid period
     * (at most 366 days); the others are skipped with a warning.
     */
    List<CalendarOccurrence> occurrences(Link link, List<CalendarPeriod> periods, List<String> warnings) {
        Set<String> rotaIds = availability.enteredPeriods(link.accountId(), link.userId()).stream()
                .map(OutOfOfficePeriod::id).collect(Collectors.toSet());
        List<CalendarOccurrence> result = new ArrayList<>();
        for (CalendarPeriod p : periods) {
            if (rotaIds.contains(p.uid())) {
                continue;
            }
            try {
                new OutOfOfficePeriod("check", p.start(), p.endExclusive(), p.wholeDays(), PeriodSource.CALENDAR);
                result.add(new CalendarOccurrence(p.uid(), p.recurrenceId(), p.start(), p.endExclusive(),
                        p.wholeDays()));
            } catch (IllegalArgumentException e) {
                warnings.add("event " + p.uid() + " skipped: " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * Replaces the user's CALENDAR periods, under the link row's lock.
     *
     * @return whether anything changed
     * @throws CalendarException when the link was removed or replaced while the calendar was being read
     */
    boolean apply(Link link, List<CalendarOccurrence> occurrences) throws CalendarException {
        Boolean changed = tx.execute(status -> {
            if (!links.lockGeneration(new Key(link.accountId(), link.userId()), link.generation())) {
                return null;
            }
            return availability.replaceCalendarPeriods(link.accountId(), link.userId(), occurrences, CAUSE);
        });
        if (changed == null) {
            throw new CalendarException("the calendar was unlinked or replaced during the sync");
        }
        return changed;
    }
}
