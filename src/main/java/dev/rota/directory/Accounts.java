package dev.rota.directory;

import dev.rota.web.ForbiddenException;
import dev.rota.web.NotFoundException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's own account: everyone reads it, super admins change it — except its plan, which is what the account
 * pays for and so is changed by the instance's operator ({@link #setPlan}, through billing), never from within.
 */
@Service
public class Accounts {

    private final AccountRepository accounts;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Accounts(AccountRepository accounts, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    /** The account's default limit of open conversations changed: whoever it limits may have room now. */
    public record DefaultLimitChanged(UUID accountId) {
    }

    public record AccountChanges(String name, Plan plan, ZoneId timeZone, Boolean keepManualAwayAcrossShifts,
                                 boolean setDefaultMaxOpenConversations, Integer defaultMaxOpenConversations) {
    }

    @Transactional(readOnly = true)
    public Account get(CurrentUser me) {
        return find(me.accountId());
    }

    @Transactional(readOnly = true)
    public Account find(UUID accountId) {
        return accounts.find(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
    }

    @Transactional
    public Account update(CurrentUser me, AccountChanges c) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may change the account");
        }
        Account a = find(me.accountId());
        if (c.plan() != null && c.plan() != a.plan()) {
            throw new ForbiddenException("plan", "the plan is changed by the operator of this Rota (billing), "
                    + "not from within the account", "plan-change");
        }
        Account updated = new Account(a.id(), c.name() == null ? a.name() : c.name(),
                c.plan() == null ? a.plan() : c.plan(),
                c.timeZone() == null ? a.timeZone() : c.timeZone(),
                c.keepManualAwayAcrossShifts() == null ? a.keepManualAwayAcrossShifts() : c.keepManualAwayAcrossShifts(),
                c.setDefaultMaxOpenConversations() ? c.defaultMaxOpenConversations() : a.defaultMaxOpenConversations(),
                a.createdAt(), clock.instant());
        accounts.update(updated);
        if (!java.util.Objects.equals(a.defaultMaxOpenConversations(), updated.defaultMaxOpenConversations())) {
            events.publishEvent(new DefaultLimitChanged(a.id()));
        }
        return updated;
    }

    /** The operator's change of an account's plan (an upgrade bought, a downgrade at the end of a term). */
    @Transactional
    public Account setPlan(UUID accountId, Plan plan) {
        Account a = find(accountId);
        Account updated = new Account(a.id(), a.name(), plan, a.timeZone(), a.keepManualAwayAcrossShifts(),
                a.defaultMaxOpenConversations(), a.createdAt(), clock.instant());
        accounts.update(updated);
        return updated;
    }
}
