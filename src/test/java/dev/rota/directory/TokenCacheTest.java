package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private final UUID account = UUID.randomUUID();
    private final CurrentUser ann = user(UUID.randomUUID());
    private final CurrentUser bob = user(UUID.randomUUID());
    private final AtomicInteger reads = new AtomicInteger();

    private CurrentUser user(UUID id) {
        return new CurrentUser(account, id, id + "@example.test", "User", Role.USER, EnumSet.noneOf(Permission.class),
                Seat.SERVICE, ZoneId.of("Europe/Amsterdam"));
    }

    private Function<String, Optional<CurrentUser>> store() {
        return hash -> {
            reads.incrementAndGet();
            return switch (hash) {
                case "ann" -> Optional.of(ann);
                case "bob" -> Optional.of(bob);
                default -> Optional.empty();
            };
        };
    }

    @Test
    void a_known_token_is_read_once_while_it_is_fresh() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        assertThat(cache.get("ann", store())).contains(ann);
        assertThat(cache.get("ann", store())).contains(ann);
        assertThat(reads).hasValue(1);
    }

    @Test
    void an_unknown_token_is_never_remembered() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        assertThat(cache.get("nobody", store())).isEmpty();
        assertThat(cache.get("nobody", store())).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void a_revoked_token_or_a_changed_user_is_read_again_and_only_theirs() {
        TokenCache cache = new TokenCache(Duration.ofMinutes(1));
        cache.get("ann", store());
        cache.get("bob", store());
        cache.forgetToken("ann");
        cache.get("ann", store());
        assertThat(reads).hasValue(3);
        cache.forgetUser(account, bob.userId());
        cache.get("bob", store());
        cache.get("ann", store());
        assertThat(reads).hasValue(4);
    }

    @Test
    void zero_turns_the_cache_off() {
        TokenCache cache = new TokenCache(Duration.ZERO);
        cache.get("ann", store());
        cache.get("ann", store());
        assertThat(reads).hasValue(2);
    }
}
