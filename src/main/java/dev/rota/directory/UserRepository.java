package dev.rota.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(User u, String passwordHash) {
        jdbc.sql("""
                insert into app_user (account_id, id, email, name, password_hash, role, permissions, seat,
                                      time_zone, max_open_conversations, active, created_at, updated_at)
                values (:account, :id, :email, :name, :hash, :role, :permissions, :seat,
                        :zone, :max, :active, :created, :updated)""")
                .param("account", u.accountId()).param("id", u.id()).param("email", u.email())
                .param("name", u.name()).param("hash", passwordHash).param("role", u.role().name())
                .param("permissions", Sql.names(u.permissions())).param("seat", u.seat().name())
                .param("zone", u.timeZone().getId()).param("max", u.maxOpenConversations())
                .param("active", u.active()).param("created", Sql.ts(u.createdAt()))
                .param("updated", Sql.ts(u.updatedAt()))
                .update();
    }

    void update(User u) {
        jdbc.sql("""
                update app_user set email = :email, name = :name, role = :role, permissions = :permissions,
                       seat = :seat, time_zone = :zone, max_open_conversations = :max, active = :active,
                       updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("account", u.accountId()).param("id", u.id()).param("email", u.email())
                .param("name", u.name()).param("role", u.role().name())
                .param("permissions", Sql.names(u.permissions())).param("seat", u.seat().name())
                .param("zone", u.timeZone().getId()).param("max", u.maxOpenConversations())
                .param("active", u.active()).param("updated", Sql.ts(u.updatedAt()))
                .update();
    }

    void updatePassword(UUID accountId, UUID userId, String hash) {
        jdbc.sql("update app_user set password_hash = :hash where account_id = :account and id = :id")
                .param("hash", hash).param("account", accountId).param("id", userId).update();
    }

    /** The user with a stamp of their password ({@link Users.Stamped}). */
    Optional<Users.Stamped> findStamped(UUID accountId, UUID id) {
        return jdbc.sql("select *, md5(coalesce(password_hash, '')) as credentials_stamp from app_user"
                        + " where account_id = :account and id = :id")
                .param("account", accountId).param("id", id)
                .query((rs, row) -> new Users.Stamped(map(rs, row), rs.getString("credentials_stamp"))).optional();
    }

    Optional<String> passwordHash(UUID accountId, UUID id) {
        return jdbc.sql("select password_hash from app_user where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(String.class).optional();
    }

    Optional<User> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from app_user where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(UserRepository::map).optional();
    }

    List<User> findAll(UUID accountId, java.util.Collection<UUID> ids) {
        return jdbc.sql("select * from app_user where account_id = :account and id = any(:ids)")
                .param("account", accountId).param("ids", ids.toArray(UUID[]::new))
                .query(UserRepository::map).list();
    }

    /**
     * Row lock so concurrent admin edits (e.g. demoting the last super admin) serialize. "No key": a user's id never
     * changes, and the plain lock would also block the key-share locks of foreign-key checks (a conversation stored
     * for this user), which hold the user's status share-locked first — the two would deadlock.
     */
    Optional<User> findForUpdate(UUID accountId, UUID id) {
        return jdbc.sql("select * from app_user where account_id = :account and id = :id for no key update")
                .param("account", accountId).param("id", id).query(UserRepository::map).optional();
    }

    boolean emailTaken(UUID accountId, String email, UUID exceptId) {
        return jdbc.sql("""
                select exists (select 1 from app_user
                                where account_id = :account and lower(email) = lower(:email)
                                  and id <> coalesce(:except, '00000000-0000-0000-0000-000000000000'::uuid))""")
                .param("account", accountId).param("email", email).param("except", exceptId)
                .query(Boolean.class).single();
    }

    /** Active users with this email in any account, with their password hash, for sign-in. */
    List<Credentials> findCredentials(String email) {
        return jdbc.sql("select * from app_user where lower(email) = lower(:email) and active")
                .param("email", email)
                .query((rs, row) -> new Credentials(map(rs, row), rs.getString("password_hash")))
                .list();
    }

    /** The email as the database compares it ({@link #findCredentials}): one key for every spelling it matches. */
    String emailKey(String email) {
        return jdbc.sql("select lower(cast(:email as text))").param("email", email).query(String.class).single();
    }

    List<User> list(UUID accountId, String q, int limit, int offset) {
        return jdbc.sql("""
                select * from app_user
                 where account_id = :account
                   and (:q = '' or name ilike :like or email ilike :like)
                 order by lower(name), id
                 limit :limit offset :offset""")
                .param("account", accountId).param("q", q).param("like", dev.rota.web.Params.likeContains(q)).param("limit", limit).param("offset", offset)
                .query(UserRepository::map).list();
    }

    long count(UUID accountId, String q) {
        return jdbc.sql("""
                select count(*) from app_user
                 where account_id = :account
                   and (:q = '' or name ilike :like or email ilike :like)""")
                .param("account", accountId).param("q", q).param("like", dev.rota.web.Params.likeContains(q)).query(Long.class).single();
    }

    /** Locks the rows it counts, so two admins demoting each other at once cannot leave none. */
    long countActiveSuperAdmins(UUID accountId) {
        return jdbc.sql("""
                select count(*) from (select 1 from app_user
                                       where account_id = :account and role = 'SUPER_ADMIN' and active
                                       for no key update) admins""")
                .param("account", accountId).query(Long.class).single();
    }

    /** Ids among {@code ids} that exist in the account (any others are foreign or unknown). */
    List<UUID> existing(UUID accountId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from app_user where account_id = :account and id = any(:ids)")
                .param("account", accountId).param("ids", ids.toArray(UUID[]::new)).query(UUID.class).list();
    }

    /** The ids among {@code ids}, in their order, that name nothing in the account (unknown or another account's). */
    List<UUID> missing(UUID accountId, List<UUID> ids) {
        List<UUID> existing = existing(accountId, ids);
        return ids.stream().filter(id -> !existing.contains(id)).toList();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(Sql.uuid(rs, "account_id"), Sql.uuid(rs, "id"), rs.getString("email"), rs.getString("name"),
                Role.valueOf(rs.getString("role")), Sql.enumSet(rs, "permissions", Permission.class),
                Seat.valueOf(rs.getString("seat")), ZoneId.of(rs.getString("time_zone")),
                Sql.nullableInt(rs, "max_open_conversations"), rs.getBoolean("active"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    record Credentials(User user, String passwordHash) {
    }
}
