package dev.rota.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Rota per data directory: the running one holds a lock on {@code rota.lock} for as long as its process lives
 * (the operating system lets go of it even after {@code kill -9}). Without it, a second start would take the first
 * one's PostgreSQL for an orphan ({@link OrphanedPostmaster}) and stop it.
 */
final class DataDirLock {

    /** Held until the process exits; a second context in the same process (tests) shares it. */
    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private DataDirLock() {
    }

    /** @throws IllegalStateException when another process holds the directory */
    static void acquire(Path dataDir) throws IOException {
        Path file = dataDir.toAbsolutePath().normalize().resolve("rota.lock");
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("The data directory " + dataDir + " is in use by another Rota"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + ": stop it first, or give this one its own ROTA_DATA_DIR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            HELD.put(file, lock);
        }
    }
}
