package dev.rota.directory;

/** An account's subscription plan; some features require a higher one. */
public enum Plan {
    FREE, STARTER, PROFESSIONAL, ENTERPRISE;

    /** Out-of-office periods need Professional or Enterprise, as in the reference product. */
    public boolean allowsOutOfOffice() {
        return this == PROFESSIONAL || this == ENTERPRISE;
    }
}
