package org.wangge;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The packaged application started as a process of its own (prod profile), as integration tests run it. */
public final class Instances {

    private Instances() {
    }

    /**
     * Starts target/quarkus-app on {@code port} with health on {@code managementPort}, against the
     * database wangge_it, with {@code env} on top (the OIDC settings at least); its output goes to
     * target/it-instance-{@code name}.log.
     */
    public static Process launch(String name, int port, int managementPort, Map<String, String> env) throws IOException {
        return launch(name, port, managementPort, env, java.util.List.of("-Xmx256m"));
    }

    /** As {@link #launch(String, int, int, Map)}, with these JVM options (the heap's bound among them). */
    public static Process launch(String name, int port, int managementPort, Map<String, String> env, java.util.List<String> jvmOptions)
            throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        e.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        e.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/wangge_it");
        e.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/wangge_it");
        e.put("DB_USER", "postgres");
        e.put("DB_POOL_SIZE", "5");
        e.put("OIDC_CLIENT_ID", "wangge-api");
        e.put("WANGGE_STORAGE_DIR", "target/it-attachments");
        e.putAll(env);
        File log = Path.of("target", "it-instance-" + name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        return pb.start();
    }

    /** Waits (up to 60 s) until the instance reports ready on its management port. */
    public static void awaitReady(int managementPort, Process process) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("instance with management port " + managementPort + " stopped; see target/it-instance-*.log");
            }
            try {
                if (given().baseUri("http://localhost:" + managementPort).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet (RestAssured rethrows the ConnectException unchecked)
            }
            Thread.sleep(500);
        }
        throw new AssertionError("instance with management port " + managementPort + " not ready in 60 s");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A random key, base64: what a deployment's Secret holds. */
    public static String randomKey(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
