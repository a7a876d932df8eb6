package dev.rota.availability.service;

import dev.rota.availability.service.StateRepository.Event;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one event path: appends status changes to the history in the caller's transaction, publishes
 * them in-process (routing listens) and, once committed, to the live streams of every node.
 */
@Component
class StatusLog {

    static final String CHANNEL = "rota_status";

    private final StateRepository states;
    private final LiveEvents live;
    private final ApplicationEventPublisher publisher;

    StatusLog(StateRepository states, LiveEvents live, ApplicationEventPublisher publisher) {
        this.states = states;
        this.live = live;
        this.publisher = publisher;
    }

    void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Long> ids = states.insertAll(events);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            StatusChanged changed = new StatusChanged(e.accountId(), e.userId(), ids.get(i), e.at(), e.oldStatus(),
                    e.oldReason(), e.newStatus(), e.newReason(), e.actorId(), e.cause());
            live.publish(e.accountId(), "status", LiveEvents.statusData(changed));
            publisher.publishEvent(changed);
        }
    }
}
