package dev.rota.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * With no database configured, Rota runs its own PostgreSQL server whose data lives in
 * {@code rota.data-dir}. Durable: fsync and synchronous commit are on (the library's defaults are off).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatabaseConfigured.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${rota.data-dir}") String dataDir,
                                      @Value("${rota.embedded.durable:true}") boolean durable,
                                      @Value("${rota.embedded.port:0}") int configuredPort) throws IOException {
        Path dir = Path.of(dataDir).toAbsolutePath().resolve("postgres");
        Files.createDirectories(dir);
        DataDirLock.acquire(dir.getParent()); // so a server still running here is an orphan, not another Rota's
        OrphanedPostmaster.stopIfRunning(dir);
        int port = port(dir.getParent().resolve("postgres.port"), configuredPort);
        log.info("Starting embedded PostgreSQL with data in {} on port {}", dir, port);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /**
     * The configured port, else the one this data directory's server had (so other nodes pointed at it reconnect after
     * a restart), else a free one, remembered for next time.
     */
    private static int port(Path remembered, int configured) throws IOException {
        if (configured > 0) {
            return configured;
        }
        if (Files.exists(remembered)) {
            try {
                int port = Integer.parseInt(Files.readString(remembered).trim());
                if (free(port)) {
                    return port;
                }
                log.warn("Port {} of the embedded PostgreSQL is taken by something else: choosing another", port);
            } catch (NumberFormatException e) {
                log.warn("Ignoring {}: not a port", remembered);
            }
        }
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(remembered, Integer.toString(port));
        return port;
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${rota.database.pool-size:20}") int poolSize,
                          // milliseconds, as Hikari itself reads the property for an external database
                          @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("rota-embedded");
        return new HikariDataSource(config);
    }

    static class NoDatabaseConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
