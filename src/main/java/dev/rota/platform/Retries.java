package dev.rota.platform;

import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Runs a whole transaction again when PostgreSQL aborted it for a deadlock or a lock conflict: such
 * a transaction changed nothing, so running it again is safe. Call it outside the transaction.
 */
public final class Retries {

    private Retries() {
    }

    public static <T> T onConflict(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrencyFailureException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                try {
                    Thread.sleep(attempt * 5L);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
