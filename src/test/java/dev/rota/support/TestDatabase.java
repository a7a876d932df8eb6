package dev.rota.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A PostgreSQL server owned by a test, which it may stop and start again on the same port and data. */
public final class TestDatabase implements AutoCloseable {

    private final Path dataDir;
    private final boolean durable;
    private final int port;
    private EmbeddedPostgres postgres;

    public TestDatabase(Path dataDir) throws IOException {
        this(dataDir, false);
    }

    /** @param durable fsync and synchronous commit on, as Rota's own default (benchmarks use it) */
    public TestDatabase(Path dataDir, boolean durable) throws IOException {
        this.dataDir = dataDir;
        this.durable = durable;
        this.postgres = start(dataDir, 0, durable);
        this.port = postgres.getPort();
    }

    public int port() {
        return port;
    }

    private static EmbeddedPostgres start(Path dataDir, int port, boolean durable) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // benchmarks: -Drota.pg.statements=true to see which statements PostgreSQL spends its time on
                .setServerConfig("shared_preload_libraries",
                        Boolean.getBoolean("rota.pg.statements") ? "pg_stat_statements,auto_explain" : "")
                .setServerConfig(Boolean.getBoolean("rota.pg.statements") ? "pg_stat_statements.track_planning"
                        : "track_functions", Boolean.getBoolean("rota.pg.statements") ? "on" : "none");
        if (Boolean.getBoolean("rota.pg.explain")) {
            // a few executed plans, with timing, buffers and WAL, in the server's log
            builder.setServerConfig("auto_explain.log_min_duration", "0")
                    .setServerConfig("auto_explain.sample_rate", "0.0003")
                    .setServerConfig("auto_explain.log_analyze", "on")
                    .setServerConfig("auto_explain.log_buffers", "on")
                    .setServerConfig("auto_explain.log_wal", "on")
                    .setServerConfig("auto_explain.log_triggers", "on")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", "/tmp/rota-pg-explain");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    public void startAgain() throws IOException {
        postgres = start(dataDir, port, durable);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
