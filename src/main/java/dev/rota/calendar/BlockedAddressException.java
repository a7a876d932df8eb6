package dev.rota.calendar;

/** An outbound calendar request was refused before connecting: bad scheme, or a private/loopback/metadata address. */
public class BlockedAddressException extends CalendarException {

    public BlockedAddressException(String message) {
        super(message);
    }
}
