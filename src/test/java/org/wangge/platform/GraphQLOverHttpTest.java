package org.wangge.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

/**
 * The GraphQL-over-HTTP spec's own audit (npm graphql-http, {@code auditServer}) against the
 * test server: every MUST and SHOULD holds. The audit's packages are installed into
 * src/test/graphql-http by {@code npm ci} when missing.
 */
@QuarkusTest
class GraphQLOverHttpTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void theSpecsAuditFindsNothingToWarnAboutOrRefuse() throws Exception {
        Path dir = Path.of("src/test/graphql-http");
        if (!Files.isDirectory(dir.resolve("node_modules/graphql-http"))) {
            run(dir, "npm", "ci", "--no-audit", "--no-fund");
        }
        String out = run(dir, "node", "audit.mjs", "http://localhost:" + port + "/graphql", Gql.admin().token());
        JsonArray results = new JsonArray(out.lines().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out)));
        List<String> failing = results.stream().map(o -> (JsonObject) o).filter(r -> !"ok".equals(r.getString("status")))
                .map(JsonObject::encodePrettily).toList();
        assertEquals(List.of(), failing, results.size() + " audits; not ok:\n" + String.join("\n", failing));
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
