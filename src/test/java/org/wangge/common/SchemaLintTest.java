package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The published schema against graphql-eslint's schema rules (src/test/graphql-lint/eslint.config.mjs):
 * Relay connections, edges, page info and arguments, ids in types, naming, descriptions, no type-name
 * prefixes. Its packages are installed there by {@code npm ci} when missing; without Node the lint
 * is skipped, saying so.
 */
class SchemaLintTest {

    static final Path DIR = Path.of("src/test/graphql-lint");

    @Test
    void theSchemaFollowsTheConventionsClientsRelyOn() throws Exception {
        Assumptions.assumeTrue(available("node") && available("npm"), "Node.js (node and npm) is not installed here: the schema lint is skipped");
        if (!Files.isDirectory(DIR.resolve("node_modules/@graphql-eslint/eslint-plugin"))) {
            run(DIR, "npm", "ci", "--no-audit", "--no-fund");
        }
        String out = run(Path.of("."), DIR.resolve("node_modules/.bin/eslint").toString(), "-c", DIR.resolve("eslint.config.mjs").toString(),
                "-f", "json", "graphql-schema/schema.graphql");
        JsonArray files = new JsonArray(out.substring(out.indexOf('[')));
        List<String> problems = new ArrayList<>();
        for (Object f : files) {
            for (Object m : ((JsonObject) f).getJsonArray("messages")) {
                JsonObject message = (JsonObject) m;
                problems.add(message.getInteger("line") + ":" + message.getInteger("column") + " " + message.getString("ruleId") + " "
                        + message.getString("message"));
            }
        }
        assertEquals(1, files.size(), "the schema file was linted");
        assertEquals(List.of(), problems);
    }

    private static boolean available(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The command's output; eslint exits 1 when it finds problems, which the assertions report. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() > 1) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out + err);
        }
        return out;
    }
}
