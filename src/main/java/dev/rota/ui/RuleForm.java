package dev.rota.ui;

import dev.rota.directory.Channel;
import dev.rota.routing.RoutingMode;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.Strategy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing rule of one inbox channel as its form shows it. For CONTACT_OWNER the users, teams and
 * strategy are the fallback's. {@code version} identifies the stored rule the form was opened on, so a
 * stale form does not overwrite a newer rule; {@code errors} maps a field to a message key.
 */
public record RuleForm(Channel channel, RoutingMode mode, boolean allMembers, Set<String> userIds, Set<String> teamIds,
                       Strategy strategy, boolean stored, String version, Map<String, String> errors) {

    /** The form of the stored rule, or of the default (all members, BALANCED) when none is stored. */
    static RuleForm of(Channel channel, Optional<RoutingRule> stored) {
        if (stored.isEmpty()) {
            return new RuleForm(channel, RoutingMode.SPECIFIC, true, Set.of(), Set.of(), Strategy.BALANCED, false,
                    version(stored), Map.of());
        }
        RoutingRule r = stored.get();
        RoutingRule people = r.mode() == RoutingMode.CONTACT_OWNER ? r.fallback() : r;
        boolean all = people != null && people.isAllMembers();
        return new RuleForm(channel, r.mode(), all, people == null || all ? Set.of() : people.userIds(),
                people == null ? Set.of() : people.teamIds(),
                people == null || people.strategy() == null ? Strategy.BALANCED : people.strategy(), true,
                version(stored), Map.of());
    }

    RuleForm withErrors(Map<String, String> errors) {
        return new RuleForm(channel, mode, allMembers, userIds, teamIds, strategy, stored, version, Map.copyOf(errors));
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** The rule these fields describe; errors go into {@code errors}, and then the result is null. */
    static RoutingRule rule(RoutingMode mode, boolean allMembers, Set<String> users, Set<String> teams,
                            Strategy strategy, Map<String, String> errors) {
        if (mode == null) {
            errors.put("mode", "error.rule.mode");
            return null;
        }
        switch (mode) {
            case NONE -> {
                return RoutingRule.none();
            }
            case SPECIFIC -> {
                return people(allMembers, users, teams, strategy, errors);
            }
            default -> {
                if (!allMembers && users.isEmpty() && teams.isEmpty()) {
                    return RoutingRule.contactOwner(null);  // no fallback: leave it unassigned
                }
                RoutingRule fallback = people(allMembers, users, teams, strategy, errors);
                return fallback == null ? null : RoutingRule.contactOwner(fallback);
            }
        }
    }

    /** The SPECIFIC rule of these fields (a SPECIFIC rule's, or a CONTACT_OWNER rule's fallback); null on errors. */
    private static RoutingRule people(boolean allMembers, Set<String> users, Set<String> teams, Strategy strategy,
                                      Map<String, String> errors) {
        boolean nobody = users.isEmpty() && teams.isEmpty();
        if (allMembers && !nobody) {
            errors.put("people", "error.rule.allOrSome");
        } else if (!allMembers && nobody) {
            errors.put("people", "error.rule.people");
        }
        if (strategy == null) {
            errors.put("strategy", "error.rule.strategy");
        }
        return !errors.isEmpty() ? null
                : allMembers ? RoutingRule.allMembers(strategy) : RoutingRule.specific(users, teams, strategy);
    }

    /** A stable fingerprint of a stored rule (order of ids does not matter); "default" when none is stored. */
    static String version(Optional<RoutingRule> rule) {
        return rule.map(r -> sha(canonical(r))).orElse("default");
    }

    private static String canonical(RoutingRule r) {
        return r.mode() + "|" + new TreeSet<>(r.userIds()) + "|" + new TreeSet<>(r.teamIds()) + "|" + r.strategy()
                + "|" + (r.fallback() == null ? "-" : canonical(r.fallback()));
    }

    static String sha(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> newErrors() {
        return new HashMap<>();
    }
}
