package dev.rota.availability.service;

import dev.rota.availability.service.StateRepository.Event;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one event path: appends status changes to the history, publishes them in-process (routing
 * listens) and notifies every node through PostgreSQL (live streams listen), all in the caller's
 * transaction, so a change is announced exactly when it is committed.
 */
@Component
class StatusLog {

    static final String CHANNEL = "rota_status";

    private final StateRepository states;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;

    StatusLog(StateRepository states, JdbcClient jdbc, ApplicationEventPublisher publisher) {
        this.states = states;
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Long> ids = states.insertAll(events);
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            StatusChanged changed = new StatusChanged(e.accountId(), e.userId(), ids.get(i), e.at(), e.oldStatus(),
                    e.oldReason(), e.newStatus(), e.newReason(), e.actorId(), e.cause());
            payloads[i] = LiveEvents.encode(changed);
            publisher.publishEvent(changed);
        }
        jdbc.sql("select count(pg_notify(:channel, p)) from unnest(:payloads) as p")
                .param("channel", CHANNEL).param("payloads", payloads).query(Long.class).single();
    }
}
