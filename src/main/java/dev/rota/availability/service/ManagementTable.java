package dev.rota.availability.service;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.AvailabilityRules;
import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Status;
import dev.rota.availability.WorkingRange;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The availability-management table: who has access to inboxes, their status with reason, today's
 * hours in their own zone, their inboxes and teams. Filters by status on the recorded state (exact
 * until its next change; rows past it are evaluated live), then builds only the requested page.
 */
@Service
public class ManagementTable {

    private final TableRepository table;
    private final Inputs inputs;
    private final Users users;
    private final Clock clock;

    ManagementTable(TableRepository table, Inputs inputs, Users users, Clock clock) {
        this.table = table;
        this.inputs = inputs;
        this.users = users;
        this.clock = clock;
    }

    public record Named(UUID id, String name) {
    }

    public record Row(User user, EffectiveStatus status, LocalDate today, List<WorkingRange> todayHours,
                      String scheduleSummary, List<Named> inboxes, List<Named> teams, int openConversations) {
    }

    @Transactional(readOnly = true)
    public PageResponse<Row> page(CurrentUser me, UUID inboxId, UUID teamId, Status status, String q, PageRequest page,
                                  Workload workload) {
        Instant now = clock.instant();
        TableRepository.Filter filter = new TableRepository.Filter(me.accountId(), inboxId, teamId,
                dev.rota.web.Params.search("q", q), status);
        List<UUID> ids;
        long total;
        List<UUID> stale = status == null ? List.of() : table.stale(filter, now);
        if (stale.isEmpty()) {
            // the usual case: recorded statuses are exact, so the database filters, counts and pages
            ids = table.page(filter, now, page.size(), page.offset());
            total = table.count(filter, now);
        } else {
            // just after a boundary, before the worker recorded it: evaluate those rows live
            Map<UUID, Status> live = new HashMap<>();
            inputs.load(me.accountId(), stale, now)
                    .forEach((id, in) -> live.put(id, AvailabilityRules.evaluate(in, now).status()));
            List<UUID> matching = new ArrayList<>();
            for (TableRepository.Candidate c : table.candidates(filter)) {
                if (live.getOrDefault(c.userId(), c.status()) == status) {
                    matching.add(c.userId());
                }
            }
            int from = Math.min(page.offset(), matching.size());
            ids = matching.subList(from, Math.min(from + page.size(), matching.size()));
            total = matching.size();
        }
        Map<UUID, AvailabilityInput> in = inputs.load(me.accountId(), ids, now);
        Map<UUID, User> byId = users.findAll(me.accountId(), ids).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        Map<UUID, List<TableRepository.Named>> inboxes = table.inboxesOf(me.accountId(), ids);
        Map<UUID, List<TableRepository.Named>> teams = table.teamsOf(me.accountId(), ids);
        Map<UUID, Integer> open = workload.openConversations(me.accountId(), ids);
        List<Row> rows = new ArrayList<>();
        for (UUID id : ids) {
            User user = byId.get(id);
            AvailabilityInput input = in.get(id);
            if (user == null || input == null) {
                continue;
            }
            LocalDate today = LocalDate.ofInstant(now, user.timeZone());
            rows.add(new Row(user, AvailabilityRules.evaluate(input, now), today, input.hours().hoursOn(today),
                    input.hours().hasSchedule() ? input.hours().describe() : null,
                    named(inboxes.get(id)), named(teams.get(id)), open.getOrDefault(id, 0)));
        }
        return page.respond(rows, total);
    }

    private static List<Named> named(List<TableRepository.Named> list) {
        return list == null ? List.of() : list.stream().map(n -> new Named(n.id(), n.name())).toList();
    }
}
