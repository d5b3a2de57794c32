package org.wangge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the local server binaries, in a temporary directory, on a port
 * of its own: a primary made by initdb, or a streaming replica of one made by pg_basebackup. The
 * server refuses to run as root, so as root its files belong to, and its programs run as, the
 * postgres user.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The directory of the server programs (pg_ctl, initdb, pg_basebackup), if they are installed. */
    public static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) {
                candidates.add(Path.of(out));
            }
        } catch (IOException | InterruptedException e) {
            // no pg_config on the path
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
        } catch (IOException e) {
            // not a Debian layout
        }
        return candidates.stream().filter(b -> Files.isExecutable(b.resolve("pg_basebackup")) && Files.isExecutable(b.resolve("pg_ctl"))
                && Files.isExecutable(b.resolve("initdb"))).findFirst();
    }

    /** A new primary cluster, started, with trust authentication on 127.0.0.1 (replication included). */
    public static LocalPostgres primary(Path bin) throws IOException, InterruptedException {
        LocalPostgres pg = new LocalPostgres(bin, directory("primary"), Instances.freePort());
        pg.run("initdb", "-D", pg.data().toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        pg.start();
        return pg;
    }

    /** A streaming replica of {@code primary}, started (hot standby, feedback on). */
    public static LocalPostgres replicaOf(LocalPostgres primary) throws IOException, InterruptedException {
        LocalPostgres pg = new LocalPostgres(primary.bin, directory("replica"), Instances.freePort());
        pg.run("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primary.port), "-U", "postgres", "-D", pg.data().toString(),
                "-R", "-X", "stream", "--no-sync", "-c", "fast");
        pg.start();
        return pg;
    }

    private static Path directory(String name) throws IOException {
        Path dir = Files.createTempDirectory("wangge-pg-" + name + "-");
        if (root()) {
            exec(List.of("chown", "postgres:postgres", dir.toString()));
        }
        return dir;
    }

    public int port() {
        return port;
    }

    private Path data() {
        return dir.resolve("data");
    }

    public void start() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby_feedback=on");
    }

    /** What the server has logged so far. */
    public String log() throws IOException {
        return java.nio.file.Files.readString(dir.resolve("server.log"));
    }

    /** Stops the server at once, as a crash would. */
    public void kill() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    /** Runs one statement (psql); returns what it printed, unaligned, without headers. */
    public String sql(String database, String statement) throws IOException, InterruptedException {
        return exec(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-d", database,
                "-v", "ON_ERROR_STOP=1", "-tAc", statement)).trim();
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        exec(command);
    }

    private static String exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("/tmp").toFile()).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            kill();
        } catch (IOException e) {
            // not running
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
