/**
 * Shared web concerns: the one error model (RFC 9457 problem details naming the field), paging,
 * and security (bearer tokens for the API, form login for the UI).
 */
package dev.rota.web;
