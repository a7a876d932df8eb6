package dev.rota.calendar;

/**
 * A calendar could not be read: garbage or over-limit input, an unreachable or refusing server, a refused address.
 * The message is meant for the user's sync status ("calendar larger than 5242880 bytes").
 */
public class CalendarException extends Exception {

    public CalendarException(String message) {
        super(message);
    }

    public CalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
