package dev.rota.directory;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who a token belongs to, remembered for a moment, so an API request under load needs no database read
 * to authenticate. A change made on this node (token revoked, user changed or deactivated) takes
 * effect at once — the entries go when its transaction commits; one made on another node within
 * {@code rota.auth.token-cache} (default 2 s). Zero turns the cache off.
 */
@Component
class TokenCache {

    /** Beyond this many tokens the cache starts over rather than grow: it is a shortcut, not a store. */
    private static final int MAX_ENTRIES = 50_000;

    private record Entry(CurrentUser user, long loadedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    TokenCache(@Value("${rota.auth.token-cache:2s}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The cached user of a token hash, else what {@code load} finds (remembered if found). */
    Optional<CurrentUser> get(String tokenHash, Function<String, Optional<CurrentUser>> load) {
        if (ttlNanos <= 0) {
            return load.apply(tokenHash);
        }
        long now = System.nanoTime(); // a cache's age is elapsed time, not the business clock
        Entry entry = entries.get(tokenHash);
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return Optional.of(entry.user());
        }
        Optional<CurrentUser> user = load.apply(tokenHash);
        if (user.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(tokenHash, new Entry(user.get(), now));
        } else {
            entries.remove(tokenHash);
        }
        return user;
    }

    void forgetToken(String tokenHash) {
        afterCommit(() -> entries.remove(tokenHash));
    }

    /** Forgets a user's tokens; a request loading one meanwhile reads what is committed by then. */
    void forgetUser(UUID accountId, UUID userId) {
        afterCommit(() -> entries.values().removeIf(e ->
                e.user().accountId().equals(accountId) && e.user().userId().equals(userId)));
    }

    /** Now, and again once the transaction (if any) has committed, so no read in between lingers. */
    private static void afterCommit(Runnable forget) {
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
    }
}
