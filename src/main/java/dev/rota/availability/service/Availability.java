package dev.rota.availability.service;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.AvailabilityRules;
import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Eligibility;
import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.Status;
import dev.rota.availability.StatusSetting;
import dev.rota.availability.TimelineInterval;
import dev.rota.availability.WorkingHours;
import dev.rota.availability.WorkingRange;
import dev.rota.directory.Accounts;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Seat;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.web.ConflictException;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases of availability, with their permission rules, and the status of many users at once for
 * routing and the management table. Every change of an input records the resulting status change in
 * the same transaction, under the user's state row lock.
 */
@Service
public class Availability {

    static final Duration MAX_TIMELINE = Duration.ofDays(92);
    static final Duration MAX_TEMPORARY_AWAY = Duration.ofDays(30);

    private final Inputs inputs;
    private final ScheduleRepository schedules;
    private final StateRepository states;
    private final StatusLog log;
    private final Users users;
    private final Accounts accounts;
    private final Clock clock;

    Availability(Inputs inputs, ScheduleRepository schedules, StateRepository states, StatusLog log, Users users,
                 Accounts accounts, Clock clock) {
        this.inputs = inputs;
        this.schedules = schedules;
        this.states = states;
        this.log = log;
        this.users = users;
        this.accounts = accounts;
        this.clock = clock;
    }

    // ---- reads for other features

    @Transactional(readOnly = true)
    public EffectiveStatus statusOf(UUID accountId, UUID userId, Instant at) {
        return AvailabilityRules.evaluate(inputs.forAnswer(accountId, userId, at), at);
    }

    @Transactional(readOnly = true)
    public Map<UUID, EffectiveStatus> statusesOf(UUID accountId, Collection<UUID> userIds, Instant at) {
        Map<UUID, EffectiveStatus> result = new HashMap<>();
        inputs.load(accountId, userIds, at).forEach((id, in) -> result.put(id, AvailabilityRules.evaluate(in, at)));
        return result;
    }

    @Transactional(readOnly = true)
    public Map<UUID, AvailabilityInput> inputsOf(UUID accountId, Collection<UUID> userIds, Instant from) {
        return inputs.load(accountId, userIds, from);
    }

    // ---- working hours

    public record Schedule(WorkingHours hours) {
    }

    @Transactional(readOnly = true)
    public WorkingHours workingHours(CurrentUser me, UUID userId) {
        requireUser(me, userId);
        return inputs.load(me.accountId(), userId, clock.instant()).hours();
    }

    /** Super admins and the user themself may edit working hours and time zone. */
    @Transactional
    public WorkingHours replaceWorkingHours(CurrentUser me, UUID userId, ZoneId zone, List<WorkingRange> ranges) {
        return replaceWorkingHours(me, userId, zone, ranges, current -> true);
    }

    /**
     * Replaces working hours only if they still pass {@code unchangedSinceRead} — checked under the
     * user's lock, so a form loaded before someone else's save never overwrites it silently.
     *
     * @throws ConflictException (field {@code ranges}) when they changed meanwhile
     */
    @Transactional
    public WorkingHours replaceWorkingHours(CurrentUser me, UUID userId, ZoneId zone, List<WorkingRange> ranges,
                                            java.util.function.Predicate<WorkingHours> unchangedSinceRead) {
        User user = requireUser(me, userId);
        if (!me.isSuperAdmin() && !me.is(userId)) {
            throw new ForbiddenException("only a super admin or the user themself may edit working hours");
        }
        ZoneId newZone = zone == null ? user.timeZone() : zone;
        WorkingHours hours = new WorkingHours(newZone, ranges);
        change(me.accountId(), userId, me.userId(), "SCHEDULE", () -> {
            if (!unchangedSinceRead.test(inputs.load(me.accountId(), userId, clock.instant()).hours())) {
                throw new ConflictException("ranges", "the working hours were changed since they were loaded");
            }
            schedules.updateZone(me.accountId(), userId, newZone);
            schedules.replaceRanges(me.accountId(), userId, ranges);
        });
        return hours;
    }

    // ---- out of office

    @Transactional(readOnly = true)
    public List<ScheduleRepository.StoredPeriod> periods(CurrentUser me, UUID userId) {
        requireUser(me, userId);
        return schedules.listPeriods(me.accountId(), userId);
    }

    /** The period's id is assigned here; its source follows from who adds it. */
    @Transactional
    public ScheduleRepository.StoredPeriod addPeriod(CurrentUser me, UUID userId, Supplier<OutOfOfficePeriod> period) {
        User user = requireUser(me, userId);
        requirePeriodRights(me, userId, true);
        OutOfOfficePeriod p = period.get();
        if (p.resolve(user.timeZone()).isEmpty()) {
            // e.g. 02:30–03:00 on the night clocks skip from 02:00 to 03:00: both ends are the same instant
            throw new dev.rota.web.InvalidInputException("end", "in " + user.timeZone().getId()
                    + " this period is empty: it lies in the hour skipped when daylight saving begins");
        }
        OutOfOfficePeriod stored = new OutOfOfficePeriod(Ids.newId().toString(), p.start(), p.endExclusive(),
                p.wholeDays(), me.is(userId) ? PeriodSource.USER : PeriodSource.ADMIN);
        change(me.accountId(), userId, me.userId(), "OUT_OF_OFFICE", () ->
                schedules.insertPeriod(me.accountId(), userId, stored, me.userId(), clock.instant(), null, null));
        return schedules.findPeriod(me.accountId(), userId, UUID.fromString(stored.id())).orElseThrow();
    }

    @Transactional
    public void deletePeriod(CurrentUser me, UUID userId, UUID periodId) {
        requireUser(me, userId);
        // removing stays allowed on every plan: an account that left a paid plan can still clear what it set
        requirePeriodRights(me, userId, false);
        ScheduleRepository.StoredPeriod stored = schedules.findPeriod(me.accountId(), userId, periodId)
                .orElseThrow(() -> new NotFoundException("out-of-office period", periodId));
        if (stored.period().source() == PeriodSource.CALENDAR) {
            // the next sync would bring it back: the calendar is where it lives
            throw new ConflictException("periodId", "this period comes from the user's calendar; remove the event "
                    + "there, or unlink the calendar");
        }
        change(me.accountId(), userId, me.userId(), "OUT_OF_OFFICE",
                () -> schedules.deletePeriod(me.accountId(), periodId));
    }

    private void requirePeriodRights(CurrentUser me, UUID userId, boolean adding) {
        if (!me.isSuperAdmin() && !me.is(userId)) {
            throw new ForbiddenException("only a super admin or the user themself may edit out-of-office periods");
        }
        if (adding && !accounts.find(me.accountId()).plan().allowsOutOfOffice()) {
            throw new ForbiddenException("plan", "out of office requires the PROFESSIONAL or ENTERPRISE plan",
                    "plan-required");
        }
    }

    // ---- calendar sync (the calendar feature checks its own permissions before calling these)

    /**
     * An out-of-office occurrence read from a user's calendar, identified by its event's UID and recurrence id
     * (null for a single event); local times in the user's zone, end exclusive.
     */
    public record CalendarOccurrence(String uid, String recurrenceId, LocalDateTime start, LocalDateTime endExclusive,
                                     boolean wholeDays) {
        public CalendarOccurrence {
            java.util.Objects.requireNonNull(uid, "uid");
            java.util.Objects.requireNonNull(start, "start");
            java.util.Objects.requireNonNull(endExclusive, "endExclusive");
        }
    }

    /** The user's periods entered in Rota (source USER or ADMIN), for writing them back to a calendar. */
    @Transactional(readOnly = true)
    public List<OutOfOfficePeriod> enteredPeriods(UUID accountId, UUID userId) {
        return schedules.listPeriods(accountId, userId).stream().map(ScheduleRepository.StoredPeriod::period)
                .filter(p -> p.source() != PeriodSource.CALENDAR).toList();
    }

    /**
     * Makes the user's CALENDAR periods exactly {@code occurrences} (matched by UID and recurrence id; the first of
     * duplicates wins), recording the status change once; periods entered in Rota are never touched. Nothing is
     * written, and no event recorded, when they already are.
     *
     * @return whether anything changed
     * @throws IllegalArgumentException when an occurrence is not a valid period (over 366 days, whole days not at 00:00)
     */
    @Transactional
    public boolean replaceCalendarPeriods(UUID accountId, UUID userId, List<CalendarOccurrence> occurrences,
                                          String cause) {
        if (CalendarPeriodDiff.of(schedules.listPeriods(accountId, userId), occurrences).isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        change(accountId, userId, null, cause, () -> {
            CalendarPeriodDiff diff = CalendarPeriodDiff.of(schedules.listPeriods(accountId, userId), occurrences);
            schedules.deletePeriods(accountId, diff.stale());
            schedules.insertCalendarPeriods(accountId, userId, diff.fresh().stream()
                            .map(o -> new OutOfOfficePeriod(Ids.newId().toString(), o.start(), o.endExclusive(),
                                    o.wholeDays(), PeriodSource.CALENDAR)).toList(),
                    diff.fresh().stream().map(CalendarOccurrence::uid).toList(),
                    diff.fresh().stream().map(CalendarOccurrence::recurrenceId).toList(), now);
        });
        return true;
    }

    // ---- status

    /** What a caller asks: AVAILABLE, AWAY, or AWAY until an instant (temporarily away). */
    /**
     * A status to set; Away may end at {@code until}, or after {@code duration} counted from the instant the setting
     * is recorded (so it ends exactly that long after it began). At most one of them.
     */
    public record StatusRequest(Status status, Instant until, java.time.Duration duration) {

        public StatusRequest(Status status, Instant until) {
            this(status, until, null);
        }

        public static StatusRequest awayFor(java.time.Duration duration) {
            return new StatusRequest(Status.AWAY, null, duration);
        }

        Instant untilFrom(Instant now) {
            return duration != null ? now.plus(duration) : until;
        }
    }

    @Transactional
    public EffectiveStatus setStatus(CurrentUser me, UUID userId, StatusRequest request) {
        User target = requireUser(me, userId);
        boolean self = me.is(userId);
        // checked against the clock now; the setting itself is made at the instant its change is recorded, so the
        // history, since and setBy.at agree to the microsecond
        Instant checkedAt = clock.instant();
        check(me, target, self, request.untilFrom(checkedAt), checkedAt);
        Instant at = change(me.accountId(), userId, me.userId(), self ? "USER" : "ADMIN", now -> {
            Instant until = request.untilFrom(now);
            if (until != null && !until.isAfter(now)) {
                throw new InvalidInputException("until", "must be in the future"); // it passed while the lock was awaited
            }
            StatusSetting setting = !self ? StatusSetting.byAdmin(request.status(), now, me.userId().toString())
                    : until != null ? StatusSetting.temporarilyAway(now, until, me.userId().toString())
                    : StatusSetting.self(request.status(), now, me.userId().toString());
            schedules.saveSetting(me.accountId(), userId, setting);
        });
        return AvailabilityRules.evaluate(inputs.forAnswer(me.accountId(), userId, at), at);
    }

    private void check(CurrentUser me, User target, boolean self, Instant until, Instant now) {
        if (self) {
            if (until != null) {
                if (target.seat() != Seat.SERVICE) {
                    throw new ForbiddenException("seat", "temporarily away requires a SERVICE seat", "seat-required");
                }
                if (!until.isAfter(now)) {
                    throw new InvalidInputException("until", "must be in the future");
                }
                if (until.isAfter(now.plus(MAX_TEMPORARY_AWAY))) {
                    throw new InvalidInputException("until", "may be at most 30 days ahead");
                }
            }
        } else {
            if (!me.mayManageAvailability()) {
                throw new ForbiddenException("changing another user's status requires the AVAILABILITY_MANAGEMENT "
                        + "permission and a paid seat");
            }
            if (until != null) {
                throw new InvalidInputException("until", "only users themselves set a temporary away");
            }
        }
    }

    // ---- reads with permission (everyone in the account may view everyone's status)

    public record Answer(User user, EffectiveStatus status, List<Eligibility.Ineligibility> ineligibility) {
    }

    @Transactional(readOnly = true)
    public Answer availability(CurrentUser me, UUID userId, Instant at, Workload workload) {
        User user = requireUser(me, userId);
        EffectiveStatus status = statusOf(me.accountId(), userId, at);
        int open = workload.openConversations(me.accountId(), List.of(userId)).getOrDefault(userId, 0);
        Integer limit = user.maxOpenConversations() != null ? user.maxOpenConversations()
                : accounts.find(me.accountId()).defaultMaxOpenConversations();
        return new Answer(user, status, Eligibility.check(status, user.active(), user.seat().isPaid(), true, open, limit));
    }

    /** Settings in one timeline window that each start a stretch; past them the last stretch runs on. */
    private static final int MAX_CUTS = 1_000;

    @Transactional(readOnly = true)
    public List<TimelineInterval> timeline(CurrentUser me, UUID userId, Instant from, Instant to) {
        requireUser(me, userId);
        checkWindow(from, to);
        // each setting made inside the window starts a stretch evaluated with it (the rules see one setting)
        List<Instant> cuts = new ArrayList<>(schedules.settingTimes(me.accountId(), userId, from, to, MAX_CUTS));
        cuts.add(to);
        List<TimelineInterval> result = new ArrayList<>();
        Instant start = from;
        for (Instant cut : cuts) {
            for (TimelineInterval i : AvailabilityRules.timeline(inputs.load(me.accountId(), userId, start), start, cut)) {
                TimelineInterval last = result.isEmpty() ? null : result.get(result.size() - 1);
                if (last != null && last.to().equals(i.from()) && last.status() == i.status() && last.reason() == i.reason()) {
                    result.set(result.size() - 1, new TimelineInterval(last.from(), i.to(), i.status(), i.reason()));
                } else {
                    result.add(i);
                }
            }
            start = cut;
        }
        return result;
    }

    @Transactional(readOnly = true)
    public List<StateRepository.StoredEvent> history(CurrentUser me, UUID userId, Instant from, Instant to) {
        requireUser(me, userId);
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from");
        }
        return states.history(me.accountId(), userId, from, to, 10_000);
    }

    static void checkWindow(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_TIMELINE) > 0) {
            throw new InvalidInputException("to", "the window may be at most 92 days");
        }
    }

    User requireUser(CurrentUser me, UUID userId) {
        return users.find(me.accountId(), userId).orElseThrow(() -> new NotFoundException("user", userId));
    }

    // ---- recording

    /**
     * Applies {@code mutation} to a user's inputs and records the status change it causes, after first
     * recording any change the clock reached with the old inputs; all under the state row's lock.
     */
    void change(UUID accountId, UUID userId, UUID actorId, String cause, Runnable mutation) {
        change(accountId, userId, actorId, cause, at -> mutation.run());
    }

    /** The same, handing the mutation the instant the change is recorded at (a setting made then carries it). */
    private Instant change(UUID accountId, UUID userId, UUID actorId, String cause,
                           java.util.function.Consumer<Instant> mutation) {
        StateRepository.State state = states.lock(accountId, userId).orElse(null);
        // read the clock only once the lock is held: changes of one user are recorded in time order
        Instant now = clock.instant();
        List<StateRepository.Event> events = new java.util.ArrayList<>();
        if (state != null) {
            StatusRecorder.Outcome caughtUp = StatusRecorder.catchUp(state, inputs.load(accountId, userId, now), now);
            events.addAll(caughtUp.events());
            state = caughtUp.state();
        }
        mutation.accept(now);
        StatusRecorder.Outcome outcome = StatusRecorder.record(accountId, userId, state,
                inputs.load(accountId, userId, now), now, actorId, cause);
        events.addAll(outcome.events());
        states.save(outcome.state());
        log.append(events);
        return now;
    }

    @EventListener
    void on(Users.UserCreated created) {
        change(created.accountId(), created.userId(), null, "CREATED", () -> {
        });
    }

    @EventListener
    void on(Users.UserChanged changed) {
        change(changed.accountId(), changed.userId(), changed.actorId(), "DIRECTORY", () -> {
        });
    }
}
