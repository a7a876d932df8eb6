package dev.rota.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rota.support.TestDatabase;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The control for {@link RoutingLoad}'s ratio: the least an HTTP service can do per conversation on this machine —
 * plain Tomcat, one servlet, the JSON read and one committed {@code INSERT} per request on its own connection (as
 * pgbench runs its transactions, eight at once sharing the disk's flushes), no routing, no security, no framework —
 * measured with the same wrk script and 8 connections, against {@code pgbench -c 8 -j 2 -N} on the same server in the
 * same run. Also the HTTP alone (the servlet answers without the database). If even this control stays below a
 * ratio of 1.0, so must any service that stores what it accepts before answering.
 * <p>
 * {@code bench/run.sh ControlLoad [seconds]}
 */
public final class ControlLoad {

    /** Held: a logger only referenced weakly would forget its level. */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE); // Tomcat's chatter
        Path dir = Files.createTempDirectory("rota-bench-control");
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"), true)) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl());
            config.setUsername("postgres");
            config.setMaximumPoolSize(10);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection c = pool.getConnection()) {
                    // the columns a conversation arrives with; its id the primary key, its external id unique
                    c.createStatement().execute("""
                            create table conversation (id uuid primary key, inbox_id uuid not null, channel text not null,
                                                       external_id text not null, status text not null,
                                                       created_at timestamptz not null default now(),
                                                       unique (inbox_id, external_id))""");
                }
                Tomcat tomcat = new Tomcat();
                tomcat.setBaseDir(dir.resolve("tomcat").toString());
                Connector connector = new Connector();
                connector.setPort(0);
                connector.setProperty("address", "127.0.0.1");
                tomcat.setConnector(connector);
                Context context = tomcat.addContext("", null);
                Tomcat.addServlet(context, "conversations", new Store(pool));
                context.addServletMappingDecoded("/api/v1/conversations", "conversations");
                Tomcat.addServlet(context, "echo", new Echo());
                context.addServletMappingDecoded("/echo/api/v1/conversations", "echo");
                tomcat.start();
                String base = "http://127.0.0.1:" + connector.getLocalPort();
                String inbox = UUID.randomUUID().toString();
                RoutingLoad.wrk(base, "-", inbox, 10, RoutingLoad.CLIENTS); // warm-up
                double http = RoutingLoad.wrk(base + "/echo", "-", inbox, seconds, RoutingLoad.CLIENTS);
                System.out.printf("HTTP alone (no database): %.0f requests/s%n", http);
                double stored = RoutingLoad.wrk(base, "-", inbox, seconds, RoutingLoad.CLIENTS);
                System.out.printf("one committed INSERT per request: %.0f conversations/s%n", stored);
                tomcat.stop();
                tomcat.destroy();
                double pgbench = RoutingLoad.pgbench(db.port(), seconds);
                System.out.printf("control ratio conversations/s : pgbench tps = %.2f%n", stored / pgbench);
            }
        }
    }

    /** Reads the posted conversation, stores it in its own transaction and answers 201 with its id. */
    private static final class Store extends HttpServlet {
        private final HikariDataSource pool;
        private final ObjectMapper json = new ObjectMapper();

        Store(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode body = json.readTree(request.getInputStream());
            UUID id = UUID.randomUUID();
            try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    insert into conversation (id, inbox_id, channel, external_id, status) values (?, ?, ?, ?, 'OPEN')
                    on conflict do nothing returning created_at""")) {
                insert.setObject(1, id);
                insert.setObject(2, UUID.fromString(body.get("inboxId").asString()));
                insert.setString(3, body.get("channel").asString());
                insert.setString(4, body.get("externalId").asString());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            answer(response, 201, "{\"id\":\"" + id + "\",\"status\":\"OPEN\"}");
        }
    }

    /** The same request read and answered, nothing stored. */
    private static final class Echo extends HttpServlet {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode body = json.readTree(request.getInputStream());
            answer(response, 201, "{\"id\":\"" + UUID.randomUUID() + "\",\"externalId\":\""
                    + body.get("externalId").asString() + "\"}");
        }
    }

    private static void answer(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
