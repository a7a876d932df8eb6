package dev.rota.directory;

/** A user's seat; {@code NONE} is a free user. */
public enum Seat {
    NONE, CORE, SALES, SERVICE;

    public boolean isPaid() {
        return this != NONE;
    }
}
