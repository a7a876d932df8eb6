/**
 * Routing's adapters: rules per inbox channel, conversations and their queue, the atomic claim in
 * PostgreSQL, the workers that drain queues and take conversations back from people who stay away,
 * and the REST API. Who gets a conversation, and why, is decided in {@code dev.rota.routing}.
 */
package dev.rota.routing.service;
