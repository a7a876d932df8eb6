-- Deliveries that are done are kept for a while (rota.webhooks.retention) and then deleted oldest first.
create index webhook_delivery_created on webhook_delivery (created_at);
