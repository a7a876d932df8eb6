package dev.rota.availability;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** English sentences for an effective status, with times in the user's zone. Built by hand: it runs on every evaluation. */
final class Explanation {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private Explanation() {
    }

    static String of(AvailabilityInput in, Instant t, Verdict now, EffectiveStatus.Change next, StatusSetting setting) {
        ZoneId zone = in.hours().zone();
        StringBuilder sb = new StringBuilder(96);
        sb.append(now.status == Status.AVAILABLE ? "Available — " : "Away — ");
        switch (now) {
            case OUT_OF_OFFICE -> sb.append("out of office");
            case TEMPORARILY_AWAY -> sb.append("temporarily away");
            case OUTSIDE_WORKING_HOURS -> sb.append("outside working hours (").append(in.scheduleSummary()).append(')');
            case SET_BY_ADMIN -> appendSetBy(sb.append("set by an admin ("), setting, t, zone);
            case MANUAL_AWAY, MANUAL_AVAILABLE ->
                    appendSetBy(sb.append(setting.byAdmin() ? "set by an admin (" : "set by themself ("), setting, t, zone);
            case WORKING_HOURS -> sb.append("within working hours");
            case DEFAULT -> sb.append("no working hours set");
        }
        if (next != null) {
            boolean backToWork = now.status == Status.AWAY && next.status() == Status.AVAILABLE
                    && (now == Verdict.OUTSIDE_WORKING_HOURS || now == Verdict.SET_BY_ADMIN || now == Verdict.MANUAL_AWAY);
            if (backToWork) {
                sb.append("; Available again ");
            } else if (now == Verdict.SET_BY_ADMIN && next.status() == now.status) {
                // outside working hours takes over for a while, but the admin's Away goes on: "until 17:00" would
                // read as if it ended then
                sb.append("; ").append(phrase(next.reason())).append(" from ");
            } else {
                sb.append(" until ");
            }
            if (now == Verdict.OUT_OF_OFFICE) {
                appendDateTime(sb, next.at(), t, zone);
            } else {
                appendWhen(sb, next.at(), t, zone);
            }
        }
        return sb.toString();
    }

    private static String phrase(Reason reason) {
        return switch (reason) {
            case OUT_OF_OFFICE -> "out of office";
            case TEMPORARILY_AWAY -> "temporarily away";
            case OUTSIDE_WORKING_HOURS -> "outside working hours";
            case SET_BY_ADMIN -> "set by an admin";
            case MANUAL -> "as set by themself";
            case WORKING_HOURS -> "within working hours";
            case DEFAULT -> "no working hours";
        };
    }

    private static void appendSetBy(StringBuilder sb, StatusSetting setting, Instant t, ZoneId zone) {
        sb.append(setting.actorId()).append(") on ");
        appendDateTime(sb, setting.at(), t, zone);
    }

    /** "17:00" today, "Tue 09:00" within the week, else "Fri 27 Dec 17:00". */
    static void appendWhen(StringBuilder sb, Instant at, Instant now, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long days = ChronoUnit.DAYS.between(LocalDateTime.ofInstant(now, zone).toLocalDate(), local.toLocalDate());
        if (days == 0) {
            appendTime(sb, local);
        } else if (days > 0 && days < 7) {
            sb.append(DAYS[local.getDayOfWeek().ordinal()]).append(' ');
            appendTime(sb, local);
        } else {
            appendDateTime(sb, local, local.getYear() != LocalDateTime.ofInstant(now, zone).getYear());
        }
    }

    /** "Fri 27 Dec 17:00", with the year when it differs from now's. */
    static void appendDateTime(StringBuilder sb, Instant at, Instant now, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        appendDateTime(sb, local, local.getYear() != LocalDateTime.ofInstant(now, zone).getYear());
    }

    private static void appendDateTime(StringBuilder sb, LocalDateTime local, boolean withYear) {
        sb.append(DAYS[local.getDayOfWeek().ordinal()]).append(' ').append(local.getDayOfMonth()).append(' ')
                .append(MONTHS[local.getMonthValue() - 1]).append(' ');
        if (withYear) {
            sb.append(local.getYear()).append(' ');
        }
        appendTime(sb, local);
    }

    private static void appendTime(StringBuilder sb, LocalDateTime local) {
        int h = local.getHour();
        int m = local.getMinute();
        sb.append(h < 10 ? "0" : "").append(h).append(m < 10 ? ":0" : ":").append(m);
    }
}
