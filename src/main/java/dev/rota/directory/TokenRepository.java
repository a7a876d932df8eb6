package dev.rota.directory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API tokens, stored only as SHA-256 hashes. */
@Repository
class TokenRepository {

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID accountId, UUID userId, String tokenHash, Instant at) {
        jdbc.sql("insert into api_token (account_id, token_hash, user_id, created_at) values (:account, :hash, :user, :at)")
                .param("account", accountId).param("hash", tokenHash).param("user", userId).param("at", Sql.ts(at))
                .update();
    }

    /** The active user a token belongs to. */
    Optional<User> findUser(String tokenHash) {
        return jdbc.sql("""
                select u.* from api_token t
                  join app_user u on u.account_id = t.account_id and u.id = t.user_id
                 where t.token_hash = :hash and u.active""")
                .param("hash", tokenHash).query(UserRepository::map).optional();
    }

    void delete(String tokenHash) {
        jdbc.sql("delete from api_token where token_hash = :hash").param("hash", tokenHash).update();
    }

    void deleteAllOf(UUID accountId, UUID userId) {
        jdbc.sql("delete from api_token where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId).update();
    }
}
