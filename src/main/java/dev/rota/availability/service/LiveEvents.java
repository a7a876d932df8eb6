package dev.rota.availability.service;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live events for connected clients (Server-Sent Events). Every node LISTENs on PostgreSQL's
 * notification channel, so a change recorded on any node reaches clients connected to any other.
 * Payload: {@code <accountId> <event name> <json>}.
 */
@Component
public class LiveEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Map<UUID, Set<Client>> clients = new ConcurrentHashMap<>();

    /** How often a stream's right to events is checked again (the user deactivated, the token or session gone). */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * One connected stream: {@code owner} names what it lives by (a session, a token) so it can be ended with it, and
     * {@code allowed} says whether it may still receive events.
     */
    private static final class Client {
        final SseEmitter emitter;
        final String owner;
        final java.util.function.BooleanSupplier allowed;
        volatile long nextCheck;

        Client(SseEmitter emitter, String owner, java.util.function.BooleanSupplier allowed) {
            this.emitter = emitter;
            this.owner = owner;
            this.allowed = allowed;
            this.nextCheck = System.nanoTime() + RECHECK_NANOS;
        }

        boolean stillAllowed() {
            long now = System.nanoTime();
            if (now - nextCheck < 0) {
                return true;
            }
            nextCheck = now + RECHECK_NANOS;
            try {
                return allowed.getAsBoolean();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
    private volatile boolean running;
    private Thread listener;
    private Thread sender;

    LiveEvents(DataSource dataSource, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Announces an event of any feature to the account's live clients on every node, once the caller's
     * transaction has committed. Notifications go out in batches from one thread: a NOTIFY inside each
     * business transaction would serialize their commits on PostgreSQL's notification queue lock.
     * Live events are a convenience; the histories are the record.
     */
    public void publish(UUID accountId, String name, Object data) {
        String payload = payload(accountId, name, data);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    outbox.add(payload);
                }
            });
        } else {
            outbox.add(payload);
        }
    }

    private final LinkedBlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    private static final long GATHER_MILLIS = 20;

    private void send() {
        List<String> batch = new ArrayList<>();
        while (running || !outbox.isEmpty()) {
            try {
                String first = outbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // a moment's gathering turns a busy node's thousands of events per second into a few dozen
                // notifications (each is a transaction of its own on PostgreSQL's notification queue)
                TimeUnit.MILLISECONDS.sleep(GATHER_MILLIS);
                outbox.drainTo(batch, 4_999);
                jdbc.sql("select count(pg_notify(:channel, p)) from unnest(:payloads) as p")
                        .param("channel", StatusLog.CHANNEL).param("payloads", batch.toArray(String[]::new))
                        .query(Long.class).single();
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not send {} live events; they are dropped: {}", batch.size(), e.getMessage());
                batch.clear();
            }
        }
    }

    static Map<String, Object> statusData(StatusChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", e.eventId());
        data.put("userId", e.userId());
        data.put("at", e.at().toString());
        data.put("oldStatus", e.oldStatus());
        data.put("oldReason", e.oldReason());
        data.put("status", e.newStatus());
        data.put("reason", e.newReason());
        data.put("actorId", e.actorId());
        data.put("cause", e.cause());
        return data;
    }

    static String payload(UUID accountId, String name, Object data) {
        return accountId + " " + name + " " + JSON.writeValueAsString(data);
    }

    /**
     * A stream of the account's events for one signed-in client, ended by {@link #end} with its {@code owner} (a
     * session or token), and as soon as {@code allowed} says no (checked at most every 2 s, before an event).
     */
    public SseEmitter subscribe(UUID accountId, String owner, java.util.function.BooleanSupplier allowed) {
        SseEmitter emitter = new SseEmitter(0L);
        Client client = new Client(emitter, owner, allowed);
        Set<Client> set = clients.computeIfAbsent(accountId, k -> new CopyOnWriteArraySet<>());
        set.add(client);
        Runnable remove = () -> set.remove(client);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(t -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("hello").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Ends every stream that lives by {@code owner} (a session that ended, a token revoked). */
    public void end(String owner) {
        for (Set<Client> set : clients.values()) {
            for (Client c : set) {
                if (c.owner.equals(owner)) {
                    set.remove(c);
                    c.emitter.complete();
                }
            }
        }
    }

    void deliver(String payload) {
        int first = payload.indexOf(' ');
        int second = payload.indexOf(' ', first + 1);
        if (first < 0 || second < 0) {
            return;
        }
        UUID account = UUID.fromString(payload.substring(0, first));
        Set<Client> set = clients.get(account);
        if (set == null || set.isEmpty()) {
            return;
        }
        String name = payload.substring(first + 1, second);
        String json = payload.substring(second + 1);
        for (Client client : set) {
            if (!client.stillAllowed()) {
                set.remove(client);
                client.emitter.complete();
                continue;
            }
            try {
                client.emitter.send(SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                set.remove(client);
            }
        }
    }

    private void listen() {
        long backoff = 200;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + StatusLog.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backoff = 200;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Live event listener lost its database connection; reconnecting: {}", e.getMessage());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "rota-live-events");
        listener.setDaemon(true);
        listener.start();
        sender = new Thread(this::send, "rota-live-events-out");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void stop() {
        running = false;
        clients.values().forEach(set -> set.forEach(c -> c.emitter.complete()));
        clients.clear();
        if (listener != null) {
            listener.interrupt();
        }
        if (sender != null) {
            sender.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
