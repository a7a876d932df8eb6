package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Routing keeps each inbox's candidates in memory between decisions; what makes a candidate
 * ineligible or eligible again must count in the very next decision: the clock ending a shift,
 * a changed limit, a member removed, a rule changed.
 */
class RosterFreshnessTest extends IntegrationTest {

    /** Wednesday 2026-03-04 15:59Z = 16:59 in Amsterdam. */
    static final Instant BEFORE_SHIFT_END = Instant.parse("2026-03-04T15:59:00Z");

    private static String post(Tenant t, String inbox, String externalId) {
        var r = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT", "externalId", externalId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("assigneeId");
    }

    @Test
    void the_end_of_a_shift_counts_at_once_and_so_do_limits_members_and_rules() {
        clock.set(BEFORE_SHIFT_END);
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        for (String agent : List.of(ann, bob)) {
            t.admin.put("/api/v1/users/" + agent + "/working-hours", Map.of("timeZone", "Europe/Amsterdam",
                    "ranges", List.of(Map.of("day", "WEDNESDAY", "start", "09:00", "end",
                            agent.equals(ann) ? "17:00" : "23:00"))));
        }
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob), List.of());
        // both are working: BALANCED spreads the first two
        assertThat(List.of(post(t, inbox, "c1"), post(t, inbox, "c2"))).containsExactlyInAnyOrder(ann, bob);

        // 17:00:30 in Amsterdam: Ann's shift is over, whether or not the worker has recorded it yet
        clock.set(Instant.parse("2026-03-04T16:00:30Z"));
        assertThat(List.of(post(t, inbox, "c3"), post(t, inbox, "c4"), post(t, inbox, "c5"))).containsOnly(bob);

        // a limit reached: Bob now has 4 open; a limit of 4 leaves nobody
        t.admin.patch("/api/v1/users/" + bob, Map.of("maxOpenConversations", 4));
        assertThat(post(t, inbox, "c6")).isNull();
        t.admin.patch("/api/v1/users/" + bob, Map.of("maxOpenConversations", 10));
        String seventh = post(t, inbox, "c7");
        // the raised limit drains the waiting c6 to Bob at once; c7 goes to him too
        assertThat(seventh).isEqualTo(bob);

        // Bob leaves the inbox: nobody is left to take the next one
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann)));
        assertThat(post(t, inbox, "c8")).isNull();

        // Bob back, and a rule that names only Ann (off shift): the next one waits
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann, bob)));
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/CHAT", Map.of("mode", "SPECIFIC", "userIds", List.of(ann),
                "strategy", "ROUND_ROBIN"));
        assertThat(post(t, inbox, "c9")).isNull();
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/CHAT", Map.of("mode", "SPECIFIC", "userIds", List.of(bob),
                "strategy", "ROUND_ROBIN"));
        assertThat(post(t, inbox, "c10")).isEqualTo(bob);
    }
}
