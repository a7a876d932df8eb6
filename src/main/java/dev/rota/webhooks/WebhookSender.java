package dev.rota.webhooks;

import dev.rota.calendar.BlockedAddressException;
import dev.rota.calendar.CalendarException;
import dev.rota.calendar.SafeHttpClient;
import dev.rota.platform.BackgroundLoop;
import dev.rota.platform.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due deliveries, on any number of nodes: a poller claims them with {@code FOR UPDATE SKIP LOCKED} in one
 * short transaction (the claim is a lease; see {@link WebhookRepository#claimDue}), a small pool sends them outside
 * any transaction, one delivery per thread, so a slow receiver holds up only its own thread. A 2xx answer
 * delivers; anything else — another status, a timeout, a refused address, a redirect — is tried again by the
 * {@link RetrySchedule}. At least once: a node that dies between the receiver's answer and recording it sends
 * that delivery again when its lease runs out, with the same {@code Rota-Delivery} id.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR = 500;
    private static final long PRUNE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

    private final WebhookRepository repository;
    private final SecretBox secrets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SafeHttpClient http;
    private final Duration lease;
    private final int threads;
    private final Semaphore free;
    private final BackgroundLoop poller;
    private final BackgroundLoop pruner;
    private volatile boolean running;
    private ExecutorService pool;

    WebhookSender(WebhookRepository repository, SecretBox secrets, TransactionTemplate tx, Clock clock,
                  @Value("${rota.webhooks.threads:4}") int threads,
                  @Value("${rota.webhooks.poll-interval:1s}") Duration pollInterval,
                  @Value("${rota.webhooks.timeout:10s}") Duration timeout,
                  @Value("${rota.webhooks.allow-private-networks:false}") boolean allowPrivateNetworks,
                  @Value("${rota.webhooks.retention:30d}") Duration retention) {
        this.repository = repository;
        this.secrets = secrets;
        this.tx = tx;
        this.clock = clock;
        this.threads = threads;
        this.free = new Semaphore(threads);
        // a receiver's answer is not followed anywhere (a redirect is a failed attempt), its body is not read (only
        // the status counts), and the whole attempt ends within the timeout, however the receiver trickles
        this.http = SafeHttpClient.create(new SafeHttpClient.Settings(allowPrivateNetworks, timeout, timeout, 0, 0,
                timeout));
        // longer than any one attempt can take, so a lease runs out only when its node is gone
        this.lease = timeout.multipliedBy(3).plusSeconds(5);
        this.poller = new BackgroundLoop("rota-webhooks", () -> pollOnce() == 0 ? pollInterval.toMillis() : 0,
                Math.max(1_000, pollInterval.toMillis()));
        // every node prunes; deleting what another node deleted first is nothing
        this.pruner = new BackgroundLoop("rota-webhooks-prune",
                () -> repository.prune(clock.instant().minus(retention), 10_000) == 10_000 ? 0 : PRUNE_EVERY_MILLIS,
                PRUNE_EVERY_MILLIS);
    }


    SafeHttpClient http() {
        return http;
    }

    /** New work (a retry asked for, an endpoint reactivated): look now rather than at the next poll. */
    void wake() {
        poller.wake();
    }

    /** Claims due deliveries for the free threads and starts sending them; returns how many it started. */
    int pollOnce() {
        int slots = free.drainPermits();
        if (slots == 0) {
            return 0;
        }
        List<WebhookRepository.Claimed> due;
        try {
            due = tx.execute(status -> {
                Instant now = clock.instant();
                return repository.claimDue(now, now.plus(lease), slots);
            });
        } catch (RuntimeException e) {
            free.release(slots);
            throw e;
        }
        free.release(slots - due.size());
        for (WebhookRepository.Claimed c : due) {
            pool.execute(() -> {
                try {
                    attempt(c);
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery {} could not be recorded; it is tried again when its lease ends: {}",
                            c.delivery().id(), e.getMessage());
                } finally {
                    free.release();
                    // a free thread means more can be sent now: a backlog goes out at the receivers' pace, not
                    // one batch per poll
                    poller.wake();
                }
            });
        }
        return due.size();
    }

    private void attempt(WebhookRepository.Claimed c) {
        Delivery d = c.delivery();
        Integer status = null;
        String error = null;
        try {
            String secret = secrets.decrypt(c.sealedSecret(), Webhooks.owner(d.accountId(), d.endpointId()));
            byte[] body = body(d);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Rota-Webhooks/1");
            headers.put("Rota-Event", d.event());
            headers.put("Rota-Delivery", Long.toString(d.id()));
            headers.put("Rota-Attempt", Integer.toString(d.attempts()));
            headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), body));
            SafeHttpClient.Response response = http.send("POST", c.url(), headers, body, null);
            status = response.status();
            if (status >= 300 && status <= 399) {
                error = "answered " + status + " (a redirect" + response.header("Location").map(l -> " to " + l)
                        .orElse("") + "; webhooks follow none: give the receiver's own URL)";
            } else if (status < 200 || status > 299) {
                error = "answered " + status;
            }
        } catch (BlockedAddressException e) {
            error = "address refused: " + e.getMessage();
        } catch (CalendarException e) {
            error = e.getMessage();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            error = "the signing secret cannot be read (was the secret key changed?)";
        } catch (RuntimeException e) {
            // whatever it was, the attempt counts and the schedule goes on: a delivery is never stuck in its lease
            log.warn("Webhook delivery {} failed unexpectedly", d.id(), e);
            error = "internal error: " + e.getClass().getSimpleName();
        }
        boolean delivered = error == null;
        Instant now = clock.instant();
        Optional<Duration> pause = delivered ? Optional.empty() : RetrySchedule.after(d.attempts());
        repository.record(c, delivered, now, pause.map(now::plus).orElse(null), status,
                error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    }

    /** What is signed and sent: the event with its delivery's identity. */
    static byte[] body(Delivery d) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", d.id());
        envelope.put("type", d.event());
        envelope.put("accountId", d.accountId());
        envelope.put("endpointId", d.endpointId());
        envelope.put("createdAt", d.createdAt().toString());
        envelope.put("data", JSON.readTree(d.payload()));
        return JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        running = true;
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rota-webhooks-send");
            t.setDaemon(true);
            return t;
        });
        poller.start(1);
        pruner.start(1);
    }

    @Override
    public void stop() {
        running = false;
        poller.stop();
        pruner.stop();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the webhook client: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
