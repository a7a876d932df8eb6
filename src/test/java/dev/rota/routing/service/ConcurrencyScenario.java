package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 20 threads post conversations to an inbox of 50 agents with limits while other threads flip the
 * agents' statuses, against one or more service nodes; then the invariants are checked in the
 * database, from the assignment and status histories.
 */
final class ConcurrencyScenario {

    static final int AGENTS = 50;
    static final int LIMIT = 40;
    static final int POSTERS = 20;

    private ConcurrencyScenario() {
    }

    /** @param admins the account's super admin, one client per node */
    static void run(List<Api> admins, JdbcClient jdbc, int conversations, long seed) throws Exception {
        Api admin = admins.get(0);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> agents = new ArrayList<>();
        Map<String, Api> agentApis = new HashMap<>();
        for (int i = 0; i < AGENTS; i++) {
            String email = "agent" + i + "-" + suffix + "@load.test";
            String seat = i % 10 == 9 ? "NONE" : "SERVICE";
            String id = admin.post("/api/v1/users", Map.of("email", email, "name", "Agent " + i,
                    "password", "agent-password", "seat", seat, "maxOpenConversations", LIMIT)).id();
            agents.add(id);
            Api.Response token = admin.as(null).post("/api/v1/auth/tokens", Map.of("email", email, "password", "agent-password"));
            agentApis.put(id, admins.get(i % admins.size()).as(token.text("token")));
        }
        String inbox = admin.post("/api/v1/inboxes", Map.of("name", "Load " + suffix, "channels", List.of("CHAT"),
                "memberUserIds", agents)).id();

        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(POSTERS + 4);
        List<Future<Integer>> posters = new ArrayList<>();
        for (int p = 0; p < POSTERS; p++) {
            int poster = p;
            posters.add(pool.submit(() -> {
                Api api = admins.get(poster % admins.size());
                int ok = 0;
                for (int i = poster; i < conversations; i += POSTERS) {
                    Api.Response r = api.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                            "externalId", "load-" + i));
                    if (r.status() == 201) {
                        ok++;
                    } else {
                        throw new AssertionError("post failed: " + r);
                    }
                }
                return ok;
            }));
        }
        List<Future<?>> flippers = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            Random random = new Random(seed + f);
            flippers.add(pool.submit(() -> {
                while (posting.get()) {
                    String agent = agents.get(random.nextInt(agents.size()));
                    String status = random.nextBoolean() ? "AWAY" : "AVAILABLE";
                    Api.Response r = agentApis.get(agent).put("/api/v1/users/" + agent + "/status", Map.of("status", status));
                    if (r.status() != 200) {
                        throw new AssertionError("status change failed: " + r);
                    }
                }
                return null;
            }));
        }
        int created = 0;
        for (Future<Integer> poster : posters) {
            created += poster.get(10, TimeUnit.MINUTES);
        }
        posting.set(false);
        for (Future<?> flipper : flippers) {
            flipper.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(created).isEqualTo(conversations);
        check(jdbc, UUID.fromString(inbox), conversations);
    }

    static void check(JdbcClient jdbc, UUID inbox, int conversations) {
        // every conversation accepted is there, either assigned or waiting
        assertThat(jdbc.sql("select count(*) from conversation where inbox_id = :inbox and status = 'OPEN'")
                .param("inbox", inbox).query(Long.class).single()).isEqualTo(conversations);

        // no conversation ever had two assignees: along its history, assignments never overlap
        assertThat(jdbc.sql("""
                select count(*) from (
                    select conversation_id,
                           sum(case when kind = 'ASSIGNED' then 1 else -1 end) over (partition by conversation_id order by id) as holders
                      from assignment_event where inbox_id = :inbox) h
                 where holders > 1 or holders < 0""").param("inbox", inbox).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from conversation c where c.inbox_id = :inbox and c.assignee_id is not null
                   and c.assignee_id <> (select e.user_id from assignment_event e where e.conversation_id = c.id
                                          and e.kind = 'ASSIGNED' order by e.id desc limit 1)""")
                .param("inbox", inbox).query(Long.class).single()).isZero();

        // no limit was exceeded at any moment, and the counters match the conversations
        assertThat(jdbc.sql("""
                select count(*) from assignment_event where inbox_id = :inbox and kind = 'ASSIGNED'
                   and user_limit is not null and open_after > user_limit""")
                .param("inbox", inbox).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from user_load l
                 where l.user_id in (select user_id from inbox_member_user where inbox_id = :inbox)
                   and l.open_count <> (select count(*) from conversation c where c.assignee_id = l.user_id
                                         and c.status = 'OPEN')""")
                .param("inbox", inbox).query(Long.class).single()).isZero();

        // nobody away or without a paid seat got one: at each assignment the user's last status was AVAILABLE
        assertThat(jdbc.sql("""
                select count(*) from assignment_event e
                  join app_user u on u.account_id = e.account_id and u.id = e.user_id
                 where e.inbox_id = :inbox and e.kind = 'ASSIGNED' and not e.manual
                   and (u.seat = 'NONE'
                        or (select s.new_status from status_event s where s.account_id = e.account_id
                             and s.user_id = e.user_id and s.at <= e.at order by s.at desc, s.id desc limit 1) <> 'AVAILABLE')""")
                .param("inbox", inbox).query(Long.class).single()).isZero();

        long assigned = jdbc.sql("select count(*) from conversation where inbox_id = :inbox and assignee_id is not null")
                .param("inbox", inbox).query(Long.class).single();
        assertThat(assigned).isPositive().isLessThanOrEqualTo((long) (AGENTS - AGENTS / 10) * LIMIT);
    }
}
