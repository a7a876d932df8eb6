package dev.rota.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After Rota is killed with {@code kill -9}, the embedded server it started keeps running and holds
 * {@code postmaster.pid}; a new start must stop it first. A stale pid file (server gone) is left to
 * PostgreSQL, which ignores it. Only called while holding {@link DataDirLock}: no other Rota runs on this data.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    static void stopIfRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(OrphanedPostmaster::isPostgres);
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
        // SIGINT is PostgreSQL's "fast" shutdown: abort sessions, checkpoint, exit.
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (process.get().isAlive()) {
            process.get().destroyForcibly();
        }
    }

    private static boolean isPostgres(ProcessHandle handle) {
        return handle.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping orphaned PostgreSQL", e);
        }
    }
}
