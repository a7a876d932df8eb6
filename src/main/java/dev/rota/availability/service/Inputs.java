package dev.rota.availability.service;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.StatusSetting;
import dev.rota.availability.WorkingHours;
import dev.rota.availability.WorkingRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads the rules' input for many users at once: four queries whatever their number. */
@Component
class Inputs {

    /** Periods that ended this long before the instant of interest no longer matter. */
    private static final Duration PERIOD_LOOKBACK = Duration.ofDays(3);

    private final ScheduleRepository schedules;

    Inputs(ScheduleRepository schedules) {
        this.schedules = schedules;
    }

    Map<UUID, AvailabilityInput> load(UUID accountId, Collection<UUID> userIds, Instant from) {
        return load(accountId, userIds, from, false);
    }

    /**
     * {@code forSince}: also each user's last period that ended earlier than the look-back, so {@code since} is right
     * after days without a change; one more index probe per user, so only where one user's answer is asked for
     * (not for recording changes, where only the status and reason count).
     */
    private Map<UUID, AvailabilityInput> load(UUID accountId, Collection<UUID> userIds, Instant from,
                                              boolean forSince) {
        Map<UUID, AvailabilityInput> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        Map<UUID, ScheduleRepository.UserFacts> facts = schedules.facts(accountId, userIds);
        Map<UUID, List<WorkingRange>> ranges = schedules.ranges(accountId, userIds);
        LocalDateTime endAfter = LocalDateTime.ofInstant(from.minus(PERIOD_LOOKBACK), ZoneOffset.UTC);
        Map<UUID, List<OutOfOfficePeriod>> periods = schedules.periods(accountId, userIds, endAfter, forSince);
        Map<UUID, StatusSetting> settings = schedules.settings(accountId, userIds);
        // the last setting usually came before the instant of interest; for those made after it, the one in force then
        List<UUID> later = settings.entrySet().stream().filter(e -> e.getValue().at().isAfter(from))
                .map(Map.Entry::getKey).toList();
        if (!later.isEmpty()) {
            Map<UUID, StatusSetting> then = schedules.settingsAt(accountId, later, from);
            later.forEach(id -> {
                if (then.containsKey(id)) {
                    settings.put(id, then.get(id));
                } else {
                    settings.remove(id);
                }
            });
        }
        for (ScheduleRepository.UserFacts f : facts.values()) {
            result.put(f.userId(), new AvailabilityInput(
                    new WorkingHours(f.zone(), ranges.getOrDefault(f.userId(), List.of())),
                    periods.getOrDefault(f.userId(), List.of()), settings.get(f.userId()),
                    f.keepManualAwayAcrossShifts()));
        }
        return result;
    }

    AvailabilityInput load(UUID accountId, UUID userId, Instant from) {
        return one(accountId, userId, from, false);
    }

    /** One user's input for an answer that says {@code since} (see {@link #load(UUID, Collection, Instant, boolean)}). */
    AvailabilityInput forAnswer(UUID accountId, UUID userId, Instant at) {
        return one(accountId, userId, at, true);
    }

    private AvailabilityInput one(UUID accountId, UUID userId, Instant from, boolean forSince) {
        AvailabilityInput input = load(accountId, List.of(userId), from, forSince).get(userId);
        if (input == null) {
            throw new IllegalStateException("no user " + userId + " in account " + accountId);
        }
        return input;
    }
}
