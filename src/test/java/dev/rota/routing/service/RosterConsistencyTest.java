package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.SignIn;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roster a node keeps is a cache of the database: after any mix of its own batches (taken in without
 * reading back) and everyone else's changes (statuses, closes, limits, posts through the HTTP lane, the
 * queue drains they start), what it claims to know must equal what is stored — seeded random sequences.
 */
class RosterConsistencyTest extends IntegrationTest {

    @Autowired
    Routing routing;
    @Autowired
    RosterCache rosters;
    @Autowired
    SignIn signIn;
    @Autowired
    JdbcClient jdbc;

    static Stream<Long> seeds() {
        return Stream.of(11L, 23L, 37L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void what_the_roster_claims_to_know_equals_what_is_stored(long seed) {
        Random random = new Random(seed);
        Tenant t = newTenant();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(t.user("Agent" + i, Map.of("maxOpenConversations", 2 + random.nextInt(4))));
        }
        String inbox = t.inbox("Help", List.of("CHAT"), agents, List.of());
        UUID account = UUID.fromString(t.accountId);
        CurrentUser me = signIn.authenticate(t.admin.token()).orElseThrow();
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(10);
            String agent = agents.get(random.nextInt(agents.size()));
            if (action < 5) {
                List<Routing.IngestRequest> batch = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    batch.add(new Routing.IngestRequest(me, new Routing.NewConversation(UUID.fromString(inbox),
                            Channel.CHAT, "s" + seed + "-" + step + "-" + i, null, null, null), null, Instant.now()));
                }
                routing.ingestAll(batch).forEach(o -> open.add(o.ingested().conversation().id().toString()));
                checkKnown(account, inbox);
                checked++;
            } else if (action < 7) {
                t.admin.put("/api/v1/users/" + agent + "/status",
                        Map.of("status", random.nextBoolean() ? "AWAY" : "AVAILABLE"));
            } else if (action < 8 && !open.isEmpty()) {
                t.admin.patch("/api/v1/conversations/" + open.remove(random.nextInt(open.size())),
                        Map.of("status", "CLOSED"));
            } else if (action < 9) {
                t.admin.patch("/api/v1/users/" + agent, Map.of("maxOpenConversations", 1 + random.nextInt(5)));
            } else {
                open.add(t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                        "externalId", "h" + seed + "-" + step)).text("id"));
            }
        }
        assertThat(checked).isPositive();
    }

    /** Every candidate row the view claims to know (written before its mark, or by its own batches) as stored. */
    private void checkKnown(UUID account, String inbox) {
        RosterCache.View view = rosters.peek(account, UUID.fromString(inbox), Channel.CHAT, Instant.now());
        assertThat(view).isNotNull();
        RosterCache.Known known = view.known();
        Map<UUID, long[]> loads = new HashMap<>();
        jdbc.sql("select user_id, open_count, changed_xid::text from user_load where account_id = :account")
                .param("account", account)
                .query(rs -> {
                    loads.put(rs.getObject(1, UUID.class), new long[] {rs.getInt(2), Long.parseLong(rs.getString(3))});
                });
        Map<UUID, Object[]> turns = new HashMap<>();
        jdbc.sql("""
                select user_id, last_assigned_at, changed_xid::text from inbox_rotation
                 where account_id = :account and inbox_id = :inbox""")
                .param("account", account).param("inbox", UUID.fromString(inbox))
                .query(rs -> {
                    turns.put(rs.getObject(1, UUID.class), new Object[] {rs.getTimestamp(2).toInstant(),
                            Long.parseLong(rs.getString(3))});
                });
        known.standings().forEach((user, standing) -> {
            long[] load = loads.get(user);
            if (load[1] < known.since() || known.own().contains(load[1])) {
                assertThat(standing.openCount()).as("open conversations of %s", user).isEqualTo((int) load[0]);
            }
            Object[] turn = turns.get(user);
            if (turn == null) {
                assertThat(standing.lastAssignedAt()).as("turn of %s", user).isNull();
            } else if ((long) turn[1] < known.since() || known.own().contains((long) turn[1])) {
                assertThat(standing.lastAssignedAt()).as("turn of %s", user).isEqualTo(turn[0]);
            }
        });
    }
}
