package dev.rota.bench;

import dev.rota.support.Api;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * GET /api/v1/availability (the availability-management table) for an account of 10,000 users with
 * 5-day schedules, a period each and membership of inboxes through teams: latency percentiles.
 */
public final class AvailabilityTableLoad {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        try (BenchSupport.Service rota = BenchSupport.Service.start("table")) {
            Api admin = rota.admin();
            seed(rota.jdbc(), rota.accountId(), users);
            String path = "/api/v1/availability";
            String inbox = admin.get("/api/v1/inboxes").body().get("items").get(0).get("id").asString();
            for (String query : List.of("", "?status=AVAILABLE", "?status=AWAY&q=User%200", "?inboxId=" + inbox + "&page=3")) {
                run(admin, path + query, requests);
            }
        }
    }

    static void seed(JdbcClient jdbc, UUID account, int users) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into app_user (account_id, id, email, name, role, permissions, seat, time_zone, active, created_at, updated_at)
                select :account, gen_random_uuid(), 'user' || g || '@table.bench', 'User ' || lpad(g::text, 6, '0'), 'USER', '{}',
                       'SERVICE', (array['Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo'])[1 + g % 3], true, :now, :now
                  from generate_series(1, :users) g""")
                .param("account", account).param("users", users).param("now", now).update();
        jdbc.sql("insert into user_load (account_id, user_id) select account_id, id from app_user where account_id = :account on conflict do nothing")
                .param("account", account).update();
        jdbc.sql("""
                insert into working_range (account_id, user_id, position, day, start_time, end_time)
                select u.account_id, u.id, d.n, d.day, '09:00', '17:00' from app_user u
                 cross join (values (0, 'MONDAY'), (1, 'TUESDAY'), (2, 'WEDNESDAY'), (3, 'THURSDAY'), (4, 'FRIDAY')) d(n, day)
                 where u.account_id = :account on conflict do nothing""")
                .param("account", account).update();
        jdbc.sql("""
                insert into out_of_office (account_id, id, user_id, start_local, end_local, whole_days, source, created_at)
                select account_id, gen_random_uuid(), id, date_trunc('day', now()) + (random() * 20)::int * interval '1 day',
                       date_trunc('day', now()) + (21 + random() * 5)::int * interval '1 day', true, 'USER', now()
                  from app_user where account_id = :account""")
                .param("account", account).update();
        for (int t = 0; t < 10; t++) {
            UUID team = UUID.randomUUID();
            jdbc.sql("insert into team (account_id, id, name, created_at) values (:account, :id, :name, now())")
                    .param("account", account).param("id", team).param("name", "Team " + t).update();
            jdbc.sql("""
                    insert into team_member (account_id, team_id, user_id)
                    select account_id, :team, id from app_user where account_id = :account and abs(hashtext(id::text)) % 10 = :t""")
                    .param("account", account).param("team", team).param("t", t).update();
            if (t < 3) {
                UUID inbox = UUID.randomUUID();
                jdbc.sql("insert into inbox (account_id, id, name, channels, created_at) values (:account, :id, :name, '{EMAIL}', now())")
                        .param("account", account).param("id", inbox).param("name", "Inbox " + t).update();
                jdbc.sql("insert into inbox_member_team (account_id, inbox_id, team_id) values (:account, :inbox, :team)")
                        .param("account", account).param("inbox", inbox).param("team", team).update();
            }
        }
        // every other team joins the first inbox too, so all users have access to some inbox
        jdbc.sql("""
                insert into inbox_member_team (account_id, inbox_id, team_id)
                select :account, (select id from inbox where account_id = :account order by name limit 1), t.id
                  from team t where t.account_id = :account on conflict do nothing""")
                .param("account", account).update();
        jdbc.sql("""
                insert into availability_state (account_id, user_id, status, reason, since, next_change_at)
                select account_id, id, 'AWAY', 'DEFAULT', now(), now() - interval '1 second'
                  from app_user where account_id = :account on conflict do nothing""")
                .param("account", account).update();
        jdbc.sql("vacuum analyze").update();
        // let the boundary worker bring every recorded status up to date
        while (jdbc.sql("select count(*) from availability_state where next_change_at <= now()").query(Long.class).single() > 0) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void run(Api admin, String path, int requests) throws Exception {
        for (int i = 0; i < 50; i++) {
            admin.get(path);
        }
        long[] times = BenchSupport.timed(2, requests / 2, client -> {
            Api.Response r = admin.get(path);
            if (r.status() != 200) {
                throw new IllegalStateException(r.toString());
            }
        });
        long total = admin.get(path).body().get("total").asLong();
        BenchSupport.printPercentiles("GET " + path + " (" + total + " matching, 2 clients)", times);
    }
}
