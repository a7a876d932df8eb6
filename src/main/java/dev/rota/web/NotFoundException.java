package dev.rota.web;

/**
 * Nothing of that id in the caller's account. Ids of other accounts get the same answer, so an id
 * never reveals that another account has it.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
