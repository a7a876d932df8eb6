package dev.rota.calendar;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway Radicale CalDAV server on a free 127.0.0.1 port, storing into a temp folder: auth type "none"
 * (any user name is accepted over basic auth), every authenticated user may read and write everything.
 * Needs Debian's {@code radicale} package ({@code apt-get install radicale}); {@link #available()} says whether
 * it is installed. Close it to stop the server and delete its files; {@link #kill()} stops it abruptly.
 */
public final class RadicaleServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/radicale");

    private final Path directory;
    private final int port;
    private final Process process;

    private RadicaleServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a server; fails (never skips) when radicale is missing: .ci/run installs it. */
    public static RadicaleServer start() throws IOException, InterruptedException {
        if (!available()) {
            throw new IllegalStateException("radicale is not installed (apt-get install radicale; .ci/run does it)");
        }
        Path directory = Files.createTempDirectory("rota-radicale-");
        int port = freePort();
        Path config = directory.resolve("config");
        Files.writeString(config, String.join("\n",
                "[server]",
                "hosts = 127.0.0.1:" + port,
                "[auth]",
                "type = none",
                "[rights]",
                "type = authenticated",
                "[storage]",
                "filesystem_folder = " + directory.resolve("collections"),
                "[logging]",
                "level = warning",
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(BINARY.toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("radicale.log").toFile())
                .start();
        RadicaleServer server = new RadicaleServer(directory, port, process);
        server.awaitListening();
        return server;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123/}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Stops the server at once (SIGKILL), as a crashing calendar server would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("radicale exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("radicale did not listen on port " + port + ": " + log());
    }

    private String log() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("radicale.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
