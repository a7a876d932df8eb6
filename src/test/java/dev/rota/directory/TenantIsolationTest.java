package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One account never sees, changes or references another's data: foreign ids are simply not found. */
class TenantIsolationTest extends IntegrationTest {

    @Test
    void every_endpoint_answers_not_found_for_another_accounts_ids() {
        Tenant mine = newTenant();
        Tenant theirs = newTenant();
        String theirUser = theirs.user("Their User");
        String theirTeam = theirs.team("Their Team", List.of(theirUser));
        String theirInbox = theirs.inbox("Their Inbox", List.of("EMAIL"), List.of(theirUser), List.of(theirTeam));

        Api me = mine.admin;
        List<Api.Response> responses = List.of(
                me.get("/api/v1/users/" + theirUser),
                me.patch("/api/v1/users/" + theirUser, Map.of("name", "Hijacked")),
                me.delete("/api/v1/users/" + theirUser),
                me.get("/api/v1/teams/" + theirTeam),
                me.patch("/api/v1/teams/" + theirTeam, Map.of("name", "Hijacked")),
                me.delete("/api/v1/teams/" + theirTeam),
                me.get("/api/v1/inboxes/" + theirInbox),
                me.patch("/api/v1/inboxes/" + theirInbox, Map.of("name", "Hijacked")),
                me.delete("/api/v1/inboxes/" + theirInbox));
        for (Api.Response r : responses) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.raw()).doesNotContain("Their");
        }

        // nor can their ids be referenced from my own records
        Api.Response team = me.post("/api/v1/teams", Map.of("name", "Mine", "memberIds", List.of(theirUser)));
        assertThat(team.status()).isEqualTo(400);
        Api.Response nested = me.post("/api/v1/teams", Map.of("name", "Mine", "parentId", theirTeam));
        assertThat(nested.status()).isEqualTo(400);
        Api.Response inbox = me.post("/api/v1/inboxes", Map.of("name", "Mine", "channels", List.of("EMAIL"),
                "memberUserIds", List.of(theirUser), "memberTeamIds", List.of(theirTeam)));
        assertThat(inbox.status()).isEqualTo(400);

        // lists show only my own
        assertThat(me.get("/api/v1/users").raw()).doesNotContain(theirUser);
        assertThat(me.get("/api/v1/teams").raw()).doesNotContain(theirTeam);
        assertThat(me.get("/api/v1/inboxes").raw()).doesNotContain(theirInbox);
        assertThat(me.get("/api/v1/account").text("id")).isEqualTo(mine.accountId);

        // and their data is untouched
        assertThat(theirs.admin.get("/api/v1/users/" + theirUser).text("name")).isEqualTo("Their User");
        assertThat(theirs.admin.get("/api/v1/users/" + theirUser).body().get("active").asBoolean()).isTrue();
        assertThat(theirs.admin.get("/api/v1/teams/" + theirTeam).text("name")).isEqualTo("Their Team");
        assertThat(theirs.admin.get("/api/v1/inboxes/" + theirInbox).text("name")).isEqualTo("Their Inbox");
    }
}
