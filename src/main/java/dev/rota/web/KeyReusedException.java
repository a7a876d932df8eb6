package dev.rota.web;

/**
 * An {@code Idempotency-Key} sent again with a different request: answered {@code 422}, as the IETF draft on the header
 * has it, rather than with the conversation the key first made (which would hide that the second request was lost).
 */
public class KeyReusedException extends RuntimeException {

    public KeyReusedException(String message) {
        super(message);
    }
}
