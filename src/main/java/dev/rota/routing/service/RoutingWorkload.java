package dev.rota.routing.service;

import dev.rota.availability.service.Workload;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Open conversations per user, as counted by the claims. */
@Component
class RoutingWorkload implements Workload {

    private final LoadRepository loads;

    RoutingWorkload(LoadRepository loads) {
        this.loads = loads;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Integer> openConversations(UUID accountId, Collection<UUID> userIds) {
        return userIds.isEmpty() ? Map.of() : loads.openCounts(accountId, userIds);
    }
}
