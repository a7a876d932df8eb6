/**
 * Signed webhooks: an account's endpoints receive its status and assignment events as HMAC-signed POSTs, retried
 * with backoff until answered with a 2xx. Deliveries are written by the database in the transaction that records
 * the event (see {@code V11__webhooks.sql}), so none is lost; any node may send them, never two at once.
 */
package dev.rota.webhooks;
