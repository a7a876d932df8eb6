package dev.rota.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Column conversions shared by the directory's repositories. */
final class Sql {

    private Sql() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static <E extends Enum<E>> Set<E> enumSet(ResultSet rs, String column, Class<E> type) throws SQLException {
        Array array = rs.getArray(column);
        Set<E> result = EnumSet.noneOf(type);
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                result.add(Enum.valueOf(type, (String) o));
            }
        }
        return result;
    }

    static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        List<UUID> result = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                if (o != null) {
                    result.add((UUID) o);
                }
            }
        }
        return result;
    }

    static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
