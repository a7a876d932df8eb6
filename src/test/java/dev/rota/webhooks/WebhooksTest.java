package dev.rota.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhooksTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookRepository repository;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> conversation(String inbox, String externalId) {
        Map<String, Object> body = new HashMap<>();
        body.put("inboxId", inbox);
        body.put("channel", "EMAIL");
        body.put("externalId", externalId);
        body.put("subject", "Help with " + externalId);
        body.put("contact", Map.of("email", "customer@example.test"));
        return body;
    }

    private static boolean signedBy(String secret, WebhookReceiver.Received r) {
        return WebhookSignature.verify(secret, r.header(WebhookSignature.HEADER), r.body(),
                Instant.now().getEpochSecond(), 300);
    }

    @Test
    void status_and_assignment_events_reach_the_accounts_endpoint_signed_and_once() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant t = newTenant();
            Tenant other = newTenant();
            String ann = t.user("Ann");
            String stranger = other.user("Stranger");
            Api.Response created = t.admin.post("/api/v1/webhooks", Map.of("url", receiver.url(),
                    "description", "our bot"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String secret = created.text("secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(created.body().get("events").toString()).isEqualTo("[\"status\",\"assignment\"]");
            String hook = created.id();
            assertThat(t.admin.get("/api/v1/webhooks/" + hook).body().has("secret")).isTrue();
            assertThat(t.admin.get("/api/v1/webhooks/" + hook).body().get("secret").isNull()).isTrue();

            other.signIn("Stranger").put("/api/v1/users/" + stranger + "/status", Map.of("status", "AWAY"));
            t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.of("status").isEmpty());
            WebhookReceiver.Received status = receiver.of("status").get(0);
            assertThat(signedBy(secret, status)).isTrue();
            assertThat(signedBy("whsec_wrong", status)).isFalse();
            assertThat(status.header("Content-Type")).isEqualTo("application/json");
            assertThat(status.header("Rota-Attempt")).isEqualTo("1");
            JsonNode body = JSON.readTree(status.text());
            assertThat(body.get("type").asString()).isEqualTo("status");
            assertThat(body.get("accountId").asString()).isEqualTo(t.accountId);
            assertThat(body.get("endpointId").asString()).isEqualTo(hook);
            assertThat(body.get("id").asString()).isEqualTo(status.header("Rota-Delivery"));
            assertThat(body.get("data").get("userId").asString()).isEqualTo(ann);
            assertThat(body.get("data").get("status").asString()).isEqualTo("AWAY");
            assertThat(body.get("data").get("reason").asString()).isEqualTo("MANUAL");
            assertThat(body.get("data").get("at").asString()).endsWith("Z");

            t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
            String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
            Api.Response conversation = t.admin.post("/api/v1/conversations", conversation(inbox, "mail-1"));
            assertThat(conversation.text("assigneeId")).isEqualTo(ann);

            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.of("assignment").isEmpty());
            WebhookReceiver.Received assignment = receiver.of("assignment").get(0);
            assertThat(signedBy(secret, assignment)).isTrue();
            JsonNode data = JSON.readTree(assignment.text()).get("data");
            assertThat(data.get("conversationId").asString()).isEqualTo(conversation.id());
            assertThat(data.get("inboxId").asString()).isEqualTo(inbox);
            assertThat(data.get("userId").asString()).isEqualTo(ann);
            assertThat(data.get("kind").asString()).isEqualTo("ASSIGNED");
            assertThat(data.get("manual").asBoolean()).isFalse();

            await().atMost(Duration.ofSeconds(10)).until(() -> t.admin
                    .get("/api/v1/webhooks/" + hook + "/deliveries?state=DELIVERED").body().get("total").asLong() == 3);
            JsonNode deliveries = t.admin.get("/api/v1/webhooks/" + hook + "/deliveries").body();
            assertThat(deliveries.get("total").asLong()).isEqualTo(3);
            JsonNode newest = deliveries.get("items").get(0);
            assertThat(newest.get("event").asString()).isEqualTo("assignment");
            assertThat(newest.get("state").asString()).isEqualTo("DELIVERED");
            assertThat(newest.get("attempts").asInt()).isEqualTo(1);
            assertThat(newest.get("lastStatus").asInt()).isEqualTo(200);
            assertThat(newest.get("data").get("conversationId").asString()).isEqualTo(conversation.id());

            // each delivery once; nothing of the other account
            Thread.sleep(500);
            assertThat(receiver.received).hasSize(3);
            assertThat(receiver.received.stream().map(r -> r.header("Rota-Delivery")).distinct()).hasSize(3);
            assertThat(receiver.received).noneMatch(r -> r.text().contains(stranger));
        }
    }

    @Test
    void a_failed_delivery_is_tried_again_by_the_schedule_until_it_fails_and_can_be_retried_by_hand() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer.set(500);
            Tenant t = newTenant();
            String ann = t.user("Ann");
            String hook = hook(t, receiver, "status");
            clock.set(clock.instant());
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(t, hook).get("lastStatus").asInt() == 500);
            JsonNode first = delivery(t, hook);
            assertThat(first.get("state").asString()).isEqualTo("PENDING");
            assertThat(first.get("attempts").asInt()).isEqualTo(1);
            assertThat(first.get("lastError").asString()).isEqualTo("answered 500");
            assertThat(Duration.between(Instant.parse(first.get("lastAttemptAt").asString()),
                    Instant.parse(first.get("nextAttemptAt").asString()))).isEqualTo(Duration.ofSeconds(10));

            // not before its time
            clock.advance(Duration.ofSeconds(9));
            sleep(400);
            assertThat(receiver.received).hasSize(1);
            // then once for each pause of the schedule, always as the same delivery
            for (int attempt = 2; attempt <= RetrySchedule.MAX_ATTEMPTS; attempt++) {
                clock.advance(RetrySchedule.after(attempt - 1).orElseThrow());
                int expected = attempt;
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == expected
                        && delivery(t, hook).get("attempts").asInt() == expected
                        && delivery(t, hook).get("lastAttemptAt") != null
                        && !delivery(t, hook).get("lastStatus").isNull());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(t, hook).get("state").asString()
                    .equals("FAILED"));
            assertThat(delivery(t, hook).get("nextAttemptAt").isNull()).isTrue();
            assertThat(receiver.received.stream().map(r -> r.header("Rota-Delivery")).distinct()).hasSize(1);
            assertThat(receiver.received.get(RetrySchedule.MAX_ATTEMPTS - 1).header("Rota-Attempt"))
                    .isEqualTo(Integer.toString(RetrySchedule.MAX_ATTEMPTS));
            clock.advance(Duration.ofDays(1));
            sleep(400);
            assertThat(receiver.received).hasSize(RetrySchedule.MAX_ATTEMPTS);

            // the receiver is fixed; an admin sends what failed again
            receiver.answer.set(204);
            Api.Response all = t.admin.post("/api/v1/webhooks/" + hook + "/deliveries/retry", Map.of());
            assertThat(all.status()).as(all.toString()).isEqualTo(202);
            assertThat(all.body().get("retried").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(t, hook).get("state").asString()
                    .equals("DELIVERED"));
            assertThat(delivery(t, hook).get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery(t, hook).get("lastStatus").asInt()).isEqualTo(204);
            assertThat(t.admin.post("/api/v1/webhooks/" + hook + "/deliveries/retry", Map.of()).body()
                    .get("retried").asInt()).isZero();

            // and one that the receiver lost, by its id
            int before = receiver.received.size();
            long id = delivery(t, hook).get("id").asLong();
            Api.Response retry = t.admin.post("/api/v1/webhooks/" + hook + "/deliveries/" + id + "/retry", Map.of());
            assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == before + 1);
            assertThat(receiver.received.get(before).header("Rota-Delivery")).isEqualTo(Long.toString(id));
        }
    }

    @Test
    void a_receiver_that_redirects_is_not_followed_and_the_delivery_says_where_it_pointed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer.set(307);
            receiver.location = receiver.url().replace("/hook", "/elsewhere");
            Tenant t = newTenant();
            String ann = t.user("Ann");
            String hook = hook(t, receiver, "status");
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));

            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(t, hook).get("attempts").asInt() == 1);
            JsonNode d = delivery(t, hook);
            assertThat(d.get("lastStatus").asInt()).isEqualTo(307);
            assertThat(d.get("lastError").asString()).contains("answered 307").contains("/elsewhere")
                    .contains("follow none");
            assertThat(d.get("state").asString()).isEqualTo("PENDING");
            assertThat(receiver.received).extracting(r -> r.header(":path")).containsOnly("/hook");
        }
    }

    @Test
    void an_endpoint_gets_only_its_events_and_an_inactive_one_neither_gets_new_ones_nor_is_sent_any()
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant t = newTenant();
            String ann = t.user("Ann");
            String hook = hook(t, receiver, "assignment");
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
            String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
            receiver.answer.set(503);
            clock.set(clock.instant());
            t.admin.post("/api/v1/conversations", conversation(inbox, "mail-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1
                    && delivery(t, hook).get("attempts").asInt() == 1 && !delivery(t, hook).get("lastStatus").isNull());
            assertThat(receiver.received.get(0).header("Rota-Event")).isEqualTo("assignment");

            // paused: what waits is not sent, and nothing new is recorded for it
            assertThat(t.admin.patch("/api/v1/webhooks/" + hook, Map.of("active", false)).status()).isEqualTo(200);
            t.admin.post("/api/v1/conversations", conversation(inbox, "mail-2"));
            receiver.answer.set(200);
            clock.advance(Duration.ofMinutes(1));
            sleep(600);
            assertThat(receiver.received).hasSize(1);
            JsonNode held = t.admin.get("/api/v1/webhooks/" + hook + "/deliveries").body();
            assertThat(held.get("total").asLong()).isEqualTo(1);

            assertThat(t.admin.patch("/api/v1/webhooks/" + hook, Map.of("active", true)).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
            assertThat(receiver.received.get(1).header("Rota-Delivery"))
                    .isEqualTo(receiver.received.get(0).header("Rota-Delivery"));
            assertThat(receiver.received.get(1).header("Rota-Attempt")).isEqualTo("2");

            // status events once asked for; a deleted endpoint gets nothing more
            assertThat(t.admin.patch("/api/v1/webhooks/" + hook, Map.of("events", List.of("status", "assignment")))
                    .body().get("events").size()).isEqualTo(2);
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.of("status").size() == 1);
            assertThat(t.admin.delete("/api/v1/webhooks/" + hook).status()).isEqualTo(204);
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
            sleep(600);
            assertThat(receiver.received).hasSize(3);
            assertThat(jdbc.sql("select count(*) from webhook_delivery where endpoint_id = cast(:id as uuid)")
                    .param("id", hook).query(Long.class).single()).isZero();
        }
    }

    @Test
    void a_receiver_that_is_down_is_asked_a_few_times_per_pause_not_once_for_every_waiting_delivery()
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer.set(500);
            Tenant t = newTenant();
            String ann = t.user("Ann");
            String hook = hook(t, receiver, "status");
            clock.set(clock.instant());
            for (int i = 0; i < 8; i++) {
                t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", i % 2 == 0 ? "AWAY" : "AVAILABLE"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !t.admin.get("/api/v1/webhooks/" + hook)
                    .body().get("pausedUntil").isNull());
            sleep(500);
            int firstWave = receiver.received.size();
            // at most what the sender's threads had taken before the first answer came; 10 s, doubled for each more
            assertThat(firstWave).isBetween(1, 4);
            long pause = 10L << (firstWave - 1);
            assertThat(Instant.parse(t.admin.get("/api/v1/webhooks/" + hook).text("pausedUntil")))
                    .isEqualTo(clock.instant().plusSeconds(pause));
            clock.advance(Duration.ofSeconds(pause - 1));
            sleep(400);
            assertThat(receiver.received).hasSize(firstWave);

            // back up: the first delivery through ends the pause, and the rest follow
            receiver.answer.set(200);
            clock.advance(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> t.admin
                    .get("/api/v1/webhooks/" + hook + "/deliveries?state=DELIVERED").body().get("total").asLong() == 8);
            assertThat(t.admin.get("/api/v1/webhooks/" + hook).body().get("pausedUntil").isNull()).isTrue();
            assertThat(receiver.received.stream().map(r -> r.header("Rota-Delivery")).distinct()).hasSize(8);
        }
    }

    @Test
    void one_delivery_the_receiver_keeps_refusing_delays_the_others_by_seconds_only() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant t = newTenant();
            String ann = t.user("Ann");
            String hook = hook(t, receiver, "status");
            // the first delivery it sees, it refuses every time
            java.util.concurrent.atomic.AtomicReference<String> first = new java.util.concurrent.atomic.AtomicReference<>();
            receiver.refuse = r -> {
                first.compareAndSet(null, r.header("Rota-Delivery"));
                return first.get().equals(r.header("Rota-Delivery"));
            };
            clock.set(clock.instant());
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !t.admin.get("/api/v1/webhooks/" + hook)
                    .body().get("pausedUntil").isNull());
            String poison = first.get();
            for (int i = 0; i < 5; i++) {
                t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", i % 2 == 0 ? "AVAILABLE" : "AWAY"));
            }
            // a few short pauses at most, never the poison's own hours
            for (int round = 0; round < 4 && delivered(t, hook) < 5; round++) {
                clock.advance(Duration.ofSeconds(11));
                await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(300))
                        .until(() -> true);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(t, hook) == 5);
            JsonNode stuck = t.admin.get("/api/v1/webhooks/" + hook + "/deliveries?state=PENDING").body();
            assertThat(stuck.get("total").asLong()).isEqualTo(1);
            assertThat(stuck.get("items").get(0).get("id").asString()).isEqualTo(poison);
        }
    }

    private static long delivered(Tenant t, String hook) {
        return t.admin.get("/api/v1/webhooks/" + hook + "/deliveries?state=DELIVERED").body().get("total").asLong();
    }

    @Test
    void a_rotated_secret_signs_what_follows_and_the_old_one_no_longer_does() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Tenant t = newTenant();
            String ann = t.user("Ann");
            Api.Response created = t.admin.post("/api/v1/webhooks", Map.of("url", receiver.url()));
            Api.Response rotated = t.admin.post("/api/v1/webhooks/" + created.id() + "/secret", Map.of());
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.text("secret")).startsWith("whsec_").isNotEqualTo(created.text("secret"));
            receiver.bodyBytes = 3 * 1024 * 1024; // a chatty receiver: only its status counts
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(t, created.id()) == 1);
            assertThat(signedBy(rotated.text("secret"), receiver.received.get(0))).isTrue();
            assertThat(signedBy(created.text("secret"), receiver.received.get(0))).isFalse();
        }
    }

    @Test
    void bad_input_is_refused_naming_the_field_and_nothing_is_stored() {
        Tenant t = newTenant();
        String url = "http://127.0.0.1:9/hook";
        Map<String, Object> tooLong = new HashMap<>(Map.of("url", url, "description", "x".repeat(201)));
        List<Map.Entry<Map<String, Object>, String>> cases = List.of(
                Map.entry(Map.of("description", "no url"), "url"),
                Map.entry(Map.of("url", "ftp://example.com/hook"), "url"),
                Map.entry(Map.of("url", "not a url"), "url"),
                Map.entry(Map.of("url", "https://user:secret@example.com/hook"), "url"),
                Map.entry(Map.of("url", "http:///nohost"), "url"),
                Map.entry(Map.of("url", url, "events", List.of()), "events"),
                Map.entry(Map.of("url", url, "events", List.of("status", "everything")), "events"),
                Map.entry(Map.of("url", url, "events", "status"), "events"),
                Map.entry(Map.of("url", url, "active", "yes"), "active"),
                Map.entry(Map.of("url", url, "secret", "mine"), "secret"),
                Map.entry(tooLong, "description"));
        for (var c : cases) {
            Api.Response r = t.admin.post("/api/v1/webhooks", c.getKey());
            assertThat(r.status()).as(c.getKey() + " " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("field")).as(r.toString()).isEqualTo(c.getValue());
        }
        assertThat(t.admin.get("/api/v1/webhooks").body().get("total").asLong()).isZero();

        String hook = t.admin.post("/api/v1/webhooks", Map.of("url", url)).id();
        Api.Response patch = t.admin.patch("/api/v1/webhooks/" + hook, Map.of("url", "https://example.com/new",
                "events", List.of("nope")));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(t.admin.get("/api/v1/webhooks/" + hook).text("url")).isEqualTo(url);
        assertThat(t.admin.get("/api/v1/webhooks/" + hook + "/deliveries?state=SENT").text("field"))
                .isEqualTo("state");
        assertThat(t.admin.post("/api/v1/webhooks/" + hook + "/deliveries/abc/retry", Map.of()).status())
                .isEqualTo(404);
        assertThat(t.admin.post("/api/v1/webhooks/" + hook + "/deliveries/12345678/retry", Map.of()).status())
                .isEqualTo(404);
        assertThat(t.admin.get("/api/v1/webhooks/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void only_super_admins_manage_webhooks_and_never_another_accounts() {
        Tenant mine = newTenant();
        Tenant theirs = newTenant();
        String theirHook = theirs.admin.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/theirs")).id();
        mine.user("Ann");
        Api ann = mine.signIn("Ann");
        assertThat(ann.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/x")).status()).isEqualTo(403);
        assertThat(ann.get("/api/v1/webhooks").status()).isEqualTo(403);

        Api me = mine.admin;
        for (Api.Response r : List.of(me.get("/api/v1/webhooks/" + theirHook),
                me.patch("/api/v1/webhooks/" + theirHook, Map.of("url", "http://127.0.0.1:9/mine")),
                me.post("/api/v1/webhooks/" + theirHook + "/secret", Map.of()),
                me.get("/api/v1/webhooks/" + theirHook + "/deliveries"),
                me.delete("/api/v1/webhooks/" + theirHook))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        }
        assertThat(me.get("/api/v1/webhooks").raw()).doesNotContain(theirHook);
        assertThat(theirs.admin.get("/api/v1/webhooks/" + theirHook).text("url")).isEqualTo("http://127.0.0.1:9/theirs");
        assertThat(anonymous().get("/api/v1/webhooks").status()).isEqualTo(401);
    }

    @Test
    void concurrent_claims_never_hand_one_delivery_to_two_senders() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        // an endpoint nobody answers at a time far ahead, so only this test's claims take its deliveries
        t.admin.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/never", "events", List.of("status")));
        for (int i = 0; i < 40; i++) {
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", i % 2 == 0 ? "AWAY" : "AVAILABLE"));
        }
        long total = jdbc.sql("select count(*) from webhook_delivery where account_id = cast(:a as uuid)")
                .param("a", t.accountId).query(Long.class).single();
        assertThat(total).isEqualTo(40);
        jdbc.sql("update webhook_delivery set next_attempt_at = now() + interval '100 years' "
                + "where account_id = cast(:a as uuid)").param("a", t.accountId).update();
        Instant later = Instant.now().plus(Duration.ofDays(365 * 101));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<List<Long>>> claimers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                claimers.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        repository.claimDue(later, later.plus(Duration.ofHours(1)), 3).stream()
                                .filter(c -> c.delivery().accountId().toString().equals(t.accountId))
                                .forEach(c -> mine.add(c.delivery().id()));
                    }
                    return mine;
                });
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : pool.invokeAll(claimers)) {
                all.addAll(f.get());
            }
            Set<Long> distinct = new HashSet<>(all);
            assertThat(all).hasSameSizeAs(distinct);
            assertThat(distinct).hasSize(40);
        } finally {
            pool.shutdownNow();
            jdbc.sql("delete from webhook_delivery where account_id = cast(:a as uuid)").param("a", t.accountId)
                    .update();
        }
    }

    @Test
    void deliveries_that_are_done_are_deleted_after_the_retention_and_waiting_ones_never() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String hook = t.admin.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/none", "events",
                List.of("status"), "active", false)).id();
        t.admin.patch("/api/v1/webhooks/" + hook, Map.of("active", true));
        t.admin.patch("/api/v1/webhooks/" + hook, Map.of("active", false));
        for (int i = 0; i < 6; i++) {
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", i % 2 == 0 ? "AWAY" : "AVAILABLE"));
        }
        // inactive: nothing got made; make six by hand in each state, old and new
        assertThat(t.admin.get("/api/v1/webhooks/" + hook + "/deliveries").body().get("total").asLong()).isZero();
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        Instant recent = Instant.now();
        for (String state : List.of("PENDING", "DELIVERED", "FAILED")) {
            for (Instant created : List.of(old, recent)) {
                jdbc.sql("""
                        insert into webhook_delivery (account_id, endpoint_id, event, event_id, payload, created_at,
                                                      state, next_attempt_at)
                        values (cast(:a as uuid), cast(:e as uuid), 'status', 1, '{}', :created, :state,
                                case when :state = 'PENDING' then cast(:far as timestamptz) end)""")
                        .param("a", t.accountId).param("e", hook)
                        .param("created", java.time.OffsetDateTime.ofInstant(created, java.time.ZoneOffset.UTC))
                        .param("state", state)
                        .param("far", java.time.OffsetDateTime.parse("2100-01-01T00:00:00Z")).update();
            }
        }
        int pruned = 0;
        for (int n = repository.prune(Instant.parse("2021-01-01T00:00:00Z"), 1); n > 0;
             n = repository.prune(Instant.parse("2021-01-01T00:00:00Z"), 1)) {
            pruned += n;
        }
        assertThat(pruned).isGreaterThanOrEqualTo(2);
        JsonNode left = t.admin.get("/api/v1/webhooks/" + hook + "/deliveries").body().get("items");
        assertThat(left.size()).isEqualTo(4);
        List<String> kept = new ArrayList<>();
        left.forEach(d -> kept.add(d.get("state").asString() + " " + d.get("createdAt").asString().startsWith("2020")));
        assertThat(kept).containsExactlyInAnyOrder("PENDING true", "PENDING false", "DELIVERED false",
                "FAILED false");
    }

    /** A new active webhook of the tenant's to the receiver, for the events named; its id. */
    private static String hook(Tenant t, WebhookReceiver receiver, String... events) {
        return t.admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of(events))).id();
    }

    private static JsonNode delivery(Tenant t, String hook) {
        return t.admin.get("/api/v1/webhooks/" + hook + "/deliveries").body().get("items").get(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
