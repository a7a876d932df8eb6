/**
 * Routing: who gets an incoming conversation, and why. The core (rules, candidates, strategies,
 * traces, the fair backlog drain) is plain Java; loading candidates and the atomic claim live in adapters.
 */
package dev.rota.routing;
