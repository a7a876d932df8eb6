package dev.rota.ui;

import java.util.List;
import java.util.UUID;

/** One row of the availability-management table as shown. */
public record ManagementRow(UUID userId, String name, String email, StatusView status, String todayHours,
                            String zone, List<String> inboxes, List<String> teams, int openConversations) {
}
