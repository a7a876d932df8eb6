package dev.rota.webhooks;

import dev.rota.calendar.SafeHttpClient;
import dev.rota.calendar.service.CalendarSync;
import dev.rota.directory.CurrentUser;
import dev.rota.platform.Ids;
import dev.rota.platform.SecretBox;
import dev.rota.web.ConflictException;
import dev.rota.web.FieldError;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An account's webhook endpoints, managed by its super admins. */
@Service
public class Webhooks {

    static final int MAX_ENDPOINTS = 20;

    private final WebhookRepository repository;
    private final SecretBox secrets;
    private final WebhookSender sender;
    private final Clock clock;

    Webhooks(WebhookRepository repository, SecretBox secrets, WebhookSender sender, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.sender = sender;
        this.clock = clock;
    }

    /** What a new endpoint or a change names; a null field of a change is left as it is. */
    public record Request(String url, Boolean hasDescription, String description, List<String> events,
                          Boolean active) {
    }

    /** An endpoint with its signing secret, answered only when the secret is made. */
    public record WithSecret(Webhook webhook, String secret) {
    }

    @Transactional
    public WithSecret create(CurrentUser me, Request r) {
        requireAdmin(me);
        List<FieldError> errors = new ArrayList<>();
        URI url = url(r.url(), errors);
        List<String> events = r.events() == null ? Webhook.EVENTS : events(r.events(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        repository.lockAccount(me.accountId());
        if (repository.count(me.accountId()) >= MAX_ENDPOINTS) {
            throw new ConflictException("url", "an account has at most " + MAX_ENDPOINTS + " webhooks");
        }
        Instant now = clock.instant();
        Webhook w = new Webhook(me.accountId(), Ids.newId(), url, r.description(), events,
                r.active() == null || r.active(), null, now, now);
        String secret = WebhookSignature.newSecret();
        repository.insert(w, secrets.encrypt(secret, owner(w.accountId(), w.id())));
        return new WithSecret(w, secret);
    }

    @Transactional(readOnly = true)
    public PageResponse<Webhook> list(CurrentUser me, PageRequest page) {
        requireAdmin(me);
        return page.respond(repository.list(me.accountId(), page.size(), page.offset()),
                repository.count(me.accountId()));
    }

    @Transactional(readOnly = true)
    public Webhook get(CurrentUser me, UUID id) {
        requireAdmin(me);
        return repository.find(me.accountId(), id).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    @Transactional
    public Webhook update(CurrentUser me, UUID id, Request r) {
        requireAdmin(me);
        Webhook w = repository.lock(me.accountId(), id).orElseThrow(() -> new NotFoundException("webhook", id));
        List<FieldError> errors = new ArrayList<>();
        URI url = r.url() == null ? w.url() : url(r.url(), errors);
        List<String> events = r.events() == null ? w.events() : events(r.events(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Webhook changed = new Webhook(w.accountId(), w.id(), url,
                Boolean.TRUE.equals(r.hasDescription()) ? r.description() : w.description(), events,
                r.active() == null ? w.active() : r.active(),
                // a changed address or a reactivation is worth trying at once
                r.url() != null || (Boolean.TRUE.equals(r.active()) && !w.active()) ? null : w.pausedUntil(),
                w.createdAt(), clock.instant());
        repository.update(changed);
        if (changed.active() && changed.pausedUntil() == null) {
            sender.wake();
        }
        return changed;
    }

    /** A new secret; the old one stops signing at once. */
    @Transactional
    public WithSecret rotateSecret(CurrentUser me, UUID id) {
        requireAdmin(me);
        Webhook w = repository.lock(me.accountId(), id).orElseThrow(() -> new NotFoundException("webhook", id));
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        repository.updateSecret(w.accountId(), w.id(), secrets.encrypt(secret, owner(w.accountId(), w.id())), now);
        return new WithSecret(new Webhook(w.accountId(), w.id(), w.url(), w.description(), w.events(), w.active(),
                w.pausedUntil(), w.createdAt(), now), secret);
    }

    /** Deletes the endpoint and its deliveries, also those not yet sent. */
    @Transactional
    public void delete(CurrentUser me, UUID id) {
        requireAdmin(me);
        if (!repository.delete(me.accountId(), id)) {
            throw new NotFoundException("webhook", id);
        }
    }

    @Transactional(readOnly = true)
    public PageResponse<Delivery> deliveries(CurrentUser me, UUID id, Delivery.State state, PageRequest page) {
        get(me, id);
        return page.respond(repository.deliveries(me.accountId(), id, state, page.size(), page.offset()),
                repository.countDeliveries(me.accountId(), id, state));
    }

    /** Sends a delivery again soon (a failed one, or one the receiver lost), with a fresh count of attempts. */
    @Transactional
    public Delivery retry(CurrentUser me, UUID id, long deliveryId) {
        get(me, id);
        repository.delivery(me.accountId(), id, deliveryId)
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId));
        if (!repository.retry(me.accountId(), id, deliveryId, clock.instant())) {
            throw new ConflictException("deliveryId", "delivery " + deliveryId + " is being sent right now");
        }
        sender.wake();
        return repository.delivery(me.accountId(), id, deliveryId).orElseThrow();
    }

    /** Sends every failed delivery of the webhook again soon (after the receiver's outage); how many. */
    @Transactional
    public int retryFailed(CurrentUser me, UUID id) {
        get(me, id);
        int retried = repository.retryFailed(me.accountId(), id, clock.instant());
        sender.wake();
        return retried;
    }

    static String owner(UUID accountId, UUID webhookId) {
        return "webhook/" + accountId + "/" + webhookId;
    }

    private static void requireAdmin(CurrentUser me) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may manage webhooks");
        }
    }

    private URI url(String text, List<FieldError> errors) {
        try {
            return CalendarSync.checkedUrl(sender.http(), text);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static List<String> events(List<String> given, List<FieldError> errors) {
        if (given.isEmpty()) {
            errors.add(new FieldError("events", "must name at least one of " + Webhook.EVENTS));
            return given;
        }
        for (String e : given) {
            if (!Webhook.EVENTS.contains(e)) {
                errors.add(new FieldError("events", dev.rota.web.Body.quote(e) + " is not one of " + Webhook.EVENTS));
            }
        }
        return Webhook.EVENTS.stream().filter(given::contains).toList();
    }
}
