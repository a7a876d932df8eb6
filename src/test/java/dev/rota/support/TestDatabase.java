package dev.rota.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A PostgreSQL server owned by a test, which it may stop and start again on the same port and data. */
public final class TestDatabase implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public TestDatabase(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.postgres = start(dataDir, 0);
        this.port = postgres.getPort();
    }

    private static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1");
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
        postgres = start(dataDir, port);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
