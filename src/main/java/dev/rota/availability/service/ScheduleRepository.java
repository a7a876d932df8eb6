package dev.rota.availability.service;

import dev.rota.availability.ClockTime;
import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.Status;
import dev.rota.availability.StatusSetting;
import dev.rota.availability.WorkingRange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the rules take per user: zone, working ranges, out-of-office periods, last status setting. */
@Repository
class ScheduleRepository {

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored period with what the API shows besides the rule's view of it. */
    record StoredPeriod(OutOfOfficePeriod period, UUID userId, UUID createdBy, Instant createdAt, String calendarUid,
                        String calendarRecurrenceId) {
    }

    /** The per-user facts of the directory the rules need. */
    record UserFacts(UUID accountId, UUID userId, ZoneId zone, boolean keepManualAwayAcrossShifts) {
    }

    Map<UUID, UserFacts> facts(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, UserFacts> result = new HashMap<>();
        jdbc.sql("""
                select u.id, u.time_zone, a.keep_manual_away_across_shifts
                  from app_user u join account a on a.id = u.account_id
                 where u.account_id = :account and u.id = any(:ids)""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    result.put(id, new UserFacts(accountId, id, ZoneId.of(rs.getString("time_zone")),
                            rs.getBoolean("keep_manual_away_across_shifts")));
                });
        return result;
    }

    Map<UUID, List<WorkingRange>> ranges(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, List<WorkingRange>> result = new HashMap<>();
        jdbc.sql("""
                select user_id, day, start_time, end_time from working_range
                 where account_id = :account and user_id = any(:ids) order by user_id, position""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(new WorkingRange(DayOfWeek.valueOf(rs.getString("day")),
                                    ClockTime.parse(rs.getString("start_time")), ClockTime.parse(rs.getString("end_time"))));
                });
        return result;
    }

    void replaceRanges(UUID accountId, UUID userId, List<WorkingRange> ranges) {
        jdbc.sql("delete from working_range where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId).update();
        for (int i = 0; i < ranges.size(); i++) {
            WorkingRange r = ranges.get(i);
            jdbc.sql("""
                    insert into working_range (account_id, user_id, position, day, start_time, end_time)
                    values (:account, :user, :position, :day, :start, :end)""")
                    .param("account", accountId).param("user", userId).param("position", i)
                    .param("day", r.day().name()).param("start", r.start().toString()).param("end", r.end().toString())
                    .update();
        }
    }

    void updateZone(UUID accountId, UUID userId, ZoneId zone) {
        jdbc.sql("update app_user set time_zone = :zone where account_id = :account and id = :user")
                .param("zone", zone.getId()).param("account", accountId).param("user", userId).update();
    }

    /** Periods that end after {@code endAfter} (local time; a margin covers every zone). */
    /**
     * The users' periods ending after {@code endAfter}; with {@code andLastBefore} also each one's last period ending
     * earlier, whose end may be where the present status began ({@code since}).
     */
    Map<UUID, List<OutOfOfficePeriod>> periods(UUID accountId, Collection<UUID> userIds, LocalDateTime endAfter,
                                               boolean andLastBefore) {
        Map<UUID, List<OutOfOfficePeriod>> result = new HashMap<>();
        jdbc.sql("""
                select * from (
                    select * from out_of_office
                     where account_id = :account and user_id = any(:ids) and end_local > :after
                    union all
                    select last.* from unnest(cast(:ids as uuid[])) as u (id)
                     cross join lateral (select * from out_of_office o
                                          where :andLastBefore and o.account_id = :account and o.user_id = u.id
                                            and o.end_local <= :after
                                          order by o.end_local desc limit 1) last) p
                 order by user_id, start_local""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .param("after", Timestamp.valueOf(endAfter)).param("andLastBefore", andLastBefore)
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(period(rs));
                });
        return result;
    }

    List<StoredPeriod> listPeriods(UUID accountId, UUID userId) {
        return jdbc.sql("select * from out_of_office where account_id = :account and user_id = :user order by start_local, id")
                .param("account", accountId).param("user", userId)
                .query((rs, row) -> stored(rs)).list();
    }

    Optional<StoredPeriod> findPeriod(UUID accountId, UUID userId, UUID periodId) {
        return jdbc.sql("select * from out_of_office where account_id = :account and user_id = :user and id = :id")
                .param("account", accountId).param("user", userId).param("id", periodId)
                .query((rs, row) -> stored(rs)).optional();
    }

    void insertPeriod(UUID accountId, UUID userId, OutOfOfficePeriod p, UUID createdBy, Instant at, String calendarUid,
                      String calendarRecurrenceId) {
        jdbc.sql("""
                insert into out_of_office (account_id, id, user_id, start_local, end_local, whole_days, source,
                                           created_by, created_at, calendar_uid, calendar_recurrence_id)
                values (:account, :id, :user, :start, :end, :whole, :source, :by, :at, :uid, :rid)""")
                .param("account", accountId).param("id", UUID.fromString(p.id())).param("user", userId)
                .param("start", Timestamp.valueOf(p.start())).param("end", Timestamp.valueOf(p.endExclusive()))
                .param("whole", p.wholeDays()).param("source", p.source().name()).param("by", createdBy)
                .param("at", Timestamp.from(at)).param("uid", calendarUid).param("rid", calendarRecurrenceId)
                .update();
    }

    /** Inserts many CALENDAR periods in one statement; {@code uids} and {@code recurrenceIds} run parallel. */
    void insertCalendarPeriods(UUID accountId, UUID userId, List<OutOfOfficePeriod> periods, List<String> uids,
                               List<String> recurrenceIds, Instant at) {
        if (periods.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into out_of_office (account_id, id, user_id, start_local, end_local, whole_days, source,
                                           created_by, created_at, calendar_uid, calendar_recurrence_id)
                select :account, p.id, :user, p.start_local, p.end_local, p.whole_days, 'CALENDAR', null, :at, p.uid, p.rid
                  from unnest(cast(:ids as uuid[]), cast(:starts as timestamp[]), cast(:ends as timestamp[]),
                              cast(:wholes as boolean[]), cast(:uids as text[]), cast(:rids as text[]))
                       as p(id, start_local, end_local, whole_days, uid, rid)""")
                .param("account", accountId).param("user", userId).param("at", Timestamp.from(at))
                .param("ids", periods.stream().map(OutOfOfficePeriod::id).toArray(String[]::new))
                .param("starts", periods.stream().map(p -> p.start().toString()).toArray(String[]::new))
                .param("ends", periods.stream().map(p -> p.endExclusive().toString()).toArray(String[]::new))
                .param("wholes", periods.stream().map(p -> Boolean.toString(p.wholeDays())).toArray(String[]::new))
                .param("uids", uids.toArray(String[]::new))
                .param("rids", recurrenceIds.toArray(String[]::new))
                .update();
    }

    void deletePeriods(UUID accountId, Collection<UUID> periodIds) {
        if (!periodIds.isEmpty()) {
            jdbc.sql("delete from out_of_office where account_id = :account and id = any(:ids)")
                    .param("account", accountId).param("ids", periodIds.toArray(UUID[]::new)).update();
        }
    }

    void deletePeriod(UUID accountId, UUID periodId) {
        jdbc.sql("delete from out_of_office where account_id = :account and id = :id")
                .param("account", accountId).param("id", periodId).update();
    }

    Map<UUID, StatusSetting> settings(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, StatusSetting> result = new HashMap<>();
        jdbc.sql("select * from status_setting where account_id = :account and user_id = any(:ids)")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject("user_id", UUID.class), setting(rs));
                });
        return result;
    }

    void saveSetting(UUID accountId, UUID userId, StatusSetting s) {
        jdbc.sql("""
                insert into status_setting (account_id, user_id, status, set_at, actor_id, by_admin, until)
                values (:account, :user, :status, :at, :actor, :admin, :until)
                on conflict (account_id, user_id) do update
                   set status = excluded.status, set_at = excluded.set_at, actor_id = excluded.actor_id,
                       by_admin = excluded.by_admin, until = excluded.until""")
                .param("account", accountId).param("user", userId).param("status", s.status().name())
                .param("at", Timestamp.from(s.at())).param("actor", UUID.fromString(s.actorId()))
                .param("admin", s.byAdmin()).param("until", s.until() == null ? null : Timestamp.from(s.until()))
                .update();
        jdbc.sql("""
                insert into status_setting_log (account_id, user_id, set_at, status, actor_id, by_admin, until)
                values (:account, :user, :at, :status, :actor, :admin, :until)""")
                .param("account", accountId).param("user", userId).param("status", s.status().name())
                .param("at", Timestamp.from(s.at())).param("actor", UUID.fromString(s.actorId()))
                .param("admin", s.byAdmin()).param("until", s.until() == null ? null : Timestamp.from(s.until()))
                .update();
    }

    /** Each user's setting in force at {@code at}: the last one made at or before it (none: absent). */
    Map<UUID, StatusSetting> settingsAt(UUID accountId, Collection<UUID> userIds, Instant at) {
        Map<UUID, StatusSetting> result = new HashMap<>();
        jdbc.sql("""
                select distinct on (user_id) * from status_setting_log
                 where account_id = :account and user_id = any(:ids) and set_at <= :at
                 order by user_id, set_at desc, id desc""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new)).param("at", Timestamp.from(at))
                .query(rs -> {
                    result.put(rs.getObject("user_id", UUID.class), setting(rs));
                });
        return result;
    }

    /** The instants in {@code (from, to)} at which the user made a setting, oldest first (at most {@code limit}). */
    List<Instant> settingTimes(UUID accountId, UUID userId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select distinct set_at from status_setting_log
                 where account_id = :account and user_id = :user and set_at > :from and set_at < :to
                 order by set_at limit :limit""")
                .param("account", accountId).param("user", userId).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).param("limit", limit)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
    }

    private static StatusSetting setting(ResultSet rs) throws SQLException {
        Timestamp until = rs.getTimestamp("until");
        return new StatusSetting(Status.valueOf(rs.getString("status")), rs.getTimestamp("set_at").toInstant(),
                rs.getObject("actor_id", UUID.class).toString(), rs.getBoolean("by_admin"),
                until == null ? null : until.toInstant());
    }

    private static OutOfOfficePeriod period(ResultSet rs) throws SQLException {
        return new OutOfOfficePeriod(rs.getObject("id", UUID.class).toString(),
                rs.getTimestamp("start_local").toLocalDateTime(), rs.getTimestamp("end_local").toLocalDateTime(),
                rs.getBoolean("whole_days"), PeriodSource.valueOf(rs.getString("source")));
    }

    private static StoredPeriod stored(ResultSet rs) throws SQLException {
        return new StoredPeriod(period(rs), rs.getObject("user_id", UUID.class), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getString("calendar_uid"),
                rs.getString("calendar_recurrence_id"));
    }
}
