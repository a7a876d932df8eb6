package dev.rota.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Rota as a real separate process on the embedded PostgreSQL, as a user would, and checks that
 * what it acknowledged survives a clean stop and a {@code kill -9}.
 */
class RestartDurabilityTest {

    @TempDir
    Path dataDir;

    private Process rota;

    @AfterEach
    void stop() throws InterruptedException {
        if (rota != null && rota.isAlive()) {
            rota.destroy();
            rota.waitFor();
        }
    }

    @Test
    void acknowledged_data_survives_a_clean_restart_and_a_kill_minus_nine() throws Exception {
        int port = freePort();
        rota = start(port, "first");
        Api anonymous = new Api("http://127.0.0.1:" + port, null);
        Api admin = anonymous.as(anonymous.post("/api/v1/auth/tokens",
                Map.of("email", "admin@durable.test", "password", "durable-secret")).text("token"));
        Api.Response created = admin.post("/api/v1/users", Map.of("email", "before-kill@durable.test", "name", "Before Kill"));
        assertThat(created.status()).isEqualTo(201);

        String databasePort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
        rota.destroyForcibly().waitFor();   // SIGKILL: the embedded PostgreSQL is left running, orphaned

        rota = start(port, "after-kill");
        // on the port it had: another node pointed at this server reconnects
        assertThat(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim()).isEqualTo(databasePort);
        admin = anonymous.as(anonymous.post("/api/v1/auth/tokens",
                Map.of("email", "admin@durable.test", "password", "durable-secret")).text("token"));
        assertThat(admin.get("/api/v1/users/" + created.id()).text("email")).isEqualTo("before-kill@durable.test");
        assertThat(admin.get("/api/v1/users").body().get("total").asInt()).isEqualTo(2);
        Api.Response second = admin.post("/api/v1/users", Map.of("email", "before-stop@durable.test", "name", "Before Stop"));
        assertThat(second.status()).isEqualTo(201);

        rota.destroy();                      // SIGTERM: a clean stop
        assertThat(rota.waitFor()).isIn(0, 143);

        rota = start(port, "after-stop");
        admin = anonymous.as(anonymous.post("/api/v1/auth/tokens",
                Map.of("email", "admin@durable.test", "password", "durable-secret")).text("token"));
        assertThat(admin.get("/api/v1/users").body().get("total").asInt()).isEqualTo(3);
        // the server was started durable (the embedded library's default is fsync off)
        assertThat(Files.readString(dataDir.resolve("postgres/postmaster.opts")))
                .contains("fsync=on").contains("synchronous_commit=on");
    }

    @Test
    void a_second_rota_on_the_same_data_refuses_to_start_and_leaves_the_first_running() throws Exception {
        int port = freePort();
        rota = start(port, "first");
        Process second = launch(freePort(), "second");
        try {
            assertThat(second.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
        } finally {
            second.destroyForcibly();
        }
        assertThat(Files.readString(dataDir.resolve("second.log")))
                .contains("is in use by another Rota (pid " + rota.pid() + ")");
        Api anonymous = new Api("http://127.0.0.1:" + port, null);
        assertThat(anonymous.get("/actuator/health").text("status")).isEqualTo("UP");
        Api admin = anonymous.as(anonymous.post("/api/v1/auth/tokens",
                Map.of("email", "admin@durable.test", "password", "durable-secret")).text("token"));
        assertThat(admin.get("/api/v1/users").status()).isEqualTo(200);
    }

    private Process start(int port, String name) throws IOException, InterruptedException {
        Process process = launch(port, name);
        File log = dataDir.resolve(name + ".log").toFile();
        Api anonymous = new Api("http://127.0.0.1:" + port, null);
        return awaitUp(process, log, anonymous);
    }

    private Process launch(int port, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = dataDir.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.rota.RotaApplication")
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().put("ROTA_DATA_DIR", dataDir.toString());
        builder.environment().put("ROTA_PORT", Integer.toString(port));
        builder.environment().put("ROTA_ADDRESS", "127.0.0.1");
        builder.environment().put("ROTA_ADMIN_EMAIL", "admin@durable.test");
        builder.environment().put("ROTA_ADMIN_PASSWORD", "durable-secret");
        builder.environment().remove("ROTA_DATABASE_URL");
        return builder.start();
    }

    private Process awaitUp(Process process, File log, Api anonymous) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Rota exited during start:\n" + Files.readString(log.toPath()));
            }
            try {
                if ("UP".equals(anonymous.get("/actuator/health").text("status"))) {
                    return process;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("Rota did not come up in time:\n" + Files.readString(log.toPath()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
