package dev.rota.support;

import dev.rota.RotaApplication;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Rota service node in this JVM, on a database the test owns, with its own controllable clock:
 * several of them on one database make a cluster; closing one and starting another is a restart.
 */
public final class Node implements AutoCloseable {

    public final MutableClock clock = new MutableClock();
    private final ConfigurableApplicationContext context;
    private final String base;

    public Node(String jdbcUrl, Instant now, Map<String, Object> extraProperties) {
        clock.set(now);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("rota.admin.email", "root@node.test");
        properties.put("rota.admin.password", "node-secret");
        properties.put("spring.main.banner-mode", "off");
        properties.put("rota.signup.max-per-address", "1000000"); // test accounts are all signed up from 127.0.0.1
        // the shipped spring.datasource.hikari.* settings, as an external database reads them (QA round M: "5s" there
        // stopped every node with ROTA_DATABASE_URL from starting, and an override here had hidden it)
        properties.putAll(extraProperties);
        // as command-line arguments, so they take precedence over application.properties
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(RotaApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
                .run(args);
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** http://127.0.0.1:{port} of this node. */
    public String baseUrl() {
        return base;
    }

    public Api anonymous() {
        return new Api(base, null);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Signs up a new account on this node and returns its super admin's client. */
    public Api newAccount() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = anonymous().post("/api/v1/signup", Map.of("accountName", "Node " + suffix, "name", "Owner",
                "email", "owner-" + suffix + "@node.test", "password", "correct-horse"));
        if (r.status() != 201) {
            throw new IllegalStateException("signup failed: " + r);
        }
        return anonymous().as(r.text("token"));
    }

    @Override
    public void close() {
        context.close();
    }
}
