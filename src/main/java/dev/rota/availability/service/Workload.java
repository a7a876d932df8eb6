package dev.rota.availability.service;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Open conversations per user, provided by routing; eligibility needs it for the limit check. */
public interface Workload {

    Map<UUID, Integer> openConversations(UUID accountId, Collection<UUID> userIds);
}
