package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The routing rule of one inbox channel.
 * <ul>
 *   <li>{@code NONE}: no user ids, no team ids, no fallback; the strategy is ignored and may be null.</li>
 *   <li>{@code SPECIFIC}: at least one user id or team id, a strategy, no fallback.</li>
 *   <li>{@code CONTACT_OWNER}: no user ids, no team ids; the fallback is a {@code SPECIFIC} rule or
 *       {@code null} (leave unassigned when the owner is not eligible); the strategy is the
 *       fallback's and may be null here.</li>
 * </ul>
 *
 * @throws IllegalArgumentException naming the field that breaks these rules (blank ids included)
 */
public record RoutingRule(RoutingMode mode, Set<String> userIds, Set<String> teamIds, Strategy strategy,
                          RoutingRule fallback) {

    public RoutingRule {
        requireNonNull(mode, "mode");
        userIds = ids("userIds", userIds);
        teamIds = ids("teamIds", teamIds);
        switch (mode) {
            case NONE, CONTACT_OWNER -> {
                if (!userIds.isEmpty()) {
                    throw new IllegalArgumentException("userIds must be empty for " + mode + ": " + userIds);
                }
                if (!teamIds.isEmpty()) {
                    throw new IllegalArgumentException("teamIds must be empty for " + mode + ": " + teamIds);
                }
                if (mode == RoutingMode.NONE && fallback != null) {
                    throw new IllegalArgumentException("fallback must be null for NONE");
                }
                if (fallback != null && fallback.mode() != RoutingMode.SPECIFIC) {
                    throw new IllegalArgumentException("fallback must be a SPECIFIC rule: " + fallback.mode());
                }
            }
            case SPECIFIC -> {
                if (userIds.isEmpty() && teamIds.isEmpty()) {
                    throw new IllegalArgumentException("userIds or teamIds must name someone for SPECIFIC");
                }
                if (strategy == null) {
                    throw new IllegalArgumentException("strategy must not be null for SPECIFIC");
                }
                if (fallback != null) {
                    throw new IllegalArgumentException("fallback must be null for SPECIFIC");
                }
            }
        }
    }

    /** In {@link #userIds} of a SPECIFIC rule: every member of the inbox (its users and its teams' users). */
    public static final String ALL_MEMBERS = "*";

    /** Every member of the inbox, by {@code strategy}: a new inbox's rule with BALANCED. */
    public static RoutingRule allMembers(Strategy strategy) {
        return specific(Set.of(ALL_MEMBERS), Set.of(), strategy);
    }

    public boolean isAllMembers() {
        return userIds.contains(ALL_MEMBERS);
    }

    public static RoutingRule none() {
        return new RoutingRule(RoutingMode.NONE, Set.of(), Set.of(), null, null);
    }

    public static RoutingRule specific(Set<String> userIds, Set<String> teamIds, Strategy strategy) {
        return new RoutingRule(RoutingMode.SPECIFIC, userIds, teamIds, strategy, null);
    }

    /** @param fallback a SPECIFIC rule, or {@code null} to leave the conversation unassigned */
    public static RoutingRule contactOwner(RoutingRule fallback) {
        return new RoutingRule(RoutingMode.CONTACT_OWNER, Set.of(), Set.of(),
                fallback == null ? null : fallback.strategy(), fallback);
    }

    private static Set<String> ids(String field, Set<String> ids) {
        requireNonNull(ids, field);
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain null or blank ids: " + ids);
            }
        }
        return Set.copyOf(ids);
    }
}
