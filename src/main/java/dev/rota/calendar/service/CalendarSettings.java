package dev.rota.calendar.service;

import dev.rota.calendar.OutOfOfficeMatcher;
import dev.rota.directory.CurrentUser;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's titles that mark a calendar event as out of office (besides Outlook's and Google's own markers).
 * Everyone in the account may read them; super admins change them. Without a stored list, the defaults apply.
 */
@Service
public class CalendarSettings {

    static final int MAX_TITLES = 50;
    static final int MAX_TITLE_LENGTH = 100;

    private final JdbcClient jdbc;

    CalendarSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<String> outOfOfficeTitles(CurrentUser me) {
        return matcher(me.accountId()).titlePatterns();
    }

    /** @throws InvalidInputException naming {@code outOfOfficeTitles} for a blank, too long or too many titles */
    @Transactional
    public List<String> replaceOutOfOfficeTitles(CurrentUser me, List<String> titles) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may change the out-of-office titles");
        }
        if (titles.size() > MAX_TITLES) {
            throw new InvalidInputException("outOfOfficeTitles", "at most " + MAX_TITLES + " titles");
        }
        List<String> cleaned = titles.stream().map(t -> t == null ? "" : t.strip()).distinct().toList();
        for (int i = 0; i < cleaned.size(); i++) {
            if (cleaned.get(i).isEmpty() || cleaned.get(i).length() > MAX_TITLE_LENGTH) {
                throw new InvalidInputException("outOfOfficeTitles[" + i + "]",
                        "must be a title of 1 to " + MAX_TITLE_LENGTH + " characters");
            }
            if (cleaned.get(i).indexOf('\u0000') >= 0) {
                // PostgreSQL's text cannot hold it
                throw new InvalidInputException("outOfOfficeTitles[" + i + "]",
                        "must not contain the NUL character (U+0000)");
            }
        }
        jdbc.sql("""
                insert into calendar_settings (account_id, out_of_office_titles) values (:account, :titles)
                on conflict (account_id) do update set out_of_office_titles = excluded.out_of_office_titles""")
                .param("account", me.accountId()).param("titles", cleaned.toArray(String[]::new)).update();
        return cleaned;
    }

    /** The account's matcher: its stored titles, or {@link OutOfOfficeMatcher#defaults()}. */
    OutOfOfficeMatcher matcher(UUID accountId) {
        return jdbc.sql("select out_of_office_titles from calendar_settings where account_id = :account")
                .param("account", accountId)
                .query((rs, row) -> Arrays.asList((String[]) rs.getArray(1).getArray()))
                .optional().map(OutOfOfficeMatcher::new).orElseGet(OutOfOfficeMatcher::defaults);
    }
}
