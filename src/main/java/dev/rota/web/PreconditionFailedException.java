package dev.rota.web;

/** The request's {@code If-Match} names a version that is no longer the stored one: answered {@code 412}. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
