package org.wangge.ledgers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.Instances;
import org.wangge.LocalOidc;

/**
 * A 100,000-row ledger streamed by the packaged application with the deployment's JVM options
 * (its 96 MB heap among them, read from k8s/base/deployment.yaml): the file is whole, every row in
 * it, and the instance still up.
 */
class LedgerMemoryIT {

    static final int ROWS = 100_000;
    static final String DB = "jdbc:postgresql://127.0.0.1:5432/wangge_it";

    private static LocalOidc oidc;
    private static Process app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        oidc = LocalOidc.start();
        port = Instances.freePort();
        int management = Instances.freePort();
        Map<String, String> env = new HashMap<>(oidc.env(Instances.randomKey(32), Instances.randomKey(32), Instances.randomKey(32)));
        app = Instances.launch("ledger", port, management, env, deploymentJvmOptions());
        Instances.awaitReady(management, app);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
        if (oidc != null) {
            oidc.close();
        }
    }

    /** The JVM options the deployment runs with (JAVA_TOOL_OPTIONS of the wangge container). */
    static List<String> deploymentJvmOptions() throws Exception {
        JsonNode deployment = new YAMLMapper().readTree(Path.of("k8s", "base", "deployment.yaml").toFile());
        for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
            for (JsonNode env : container.path("env")) {
                if (env.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
                    List<String> options = Arrays.asList(env.path("value").asText().trim().split("\\s+"));
                    assertTrue(options.contains("-Xmx96m"), options.toString());
                    return options;
                }
            }
        }
        throw new AssertionError("no JAVA_TOOL_OPTIONS in k8s/base/deployment.yaml");
    }

    @Test
    void aHundredThousandRowLedgerStreamsWithinTheDeploymentsHeap() throws Exception {
        String admin = oidc.token("it-ledger-admin", "admin");
        String code = "IT-L-" + System.nanoTime();
        JsonPath created = given().baseUri("http://localhost:" + port).contentType(ContentType.JSON).header("Authorization", "Bearer " + admin)
                .body(Map.of("query", "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                        "variables", Map.of("i", Map.of("code", code, "name", "台账压力", "kind", "MICRO_GRID"))))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(created.get("errors"), created.prettify());
        String grid = created.getString("data.createGrid.id");

        // a household and 100,000 visits to it, written straight into the database
        try (Connection db = DriverManager.getConnection(DB, "postgres", "")) {
            long gridKey = single(db, "SELECT id FROM grid WHERE code = ?", code);
            long household = single(db, "INSERT INTO household (county_code, grid_id, address) SELECT county_code, id, ? FROM grid WHERE id = ? RETURNING id",
                    code + " 1 号", gridKey);
            single(db, "INSERT INTO account (subject, display_name) VALUES ('it-ledger-visitor', '压力网格员') "
                    + "ON CONFLICT (subject) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING 1");
            single(db, "WITH v AS (INSERT INTO visit (visitor_subject, household_id, visited_at, notes, findings, created_at) "
                    + "SELECT 'it-ledger-visitor', ?, now() - make_interval(mins => n), '第 ' || n || ' 次走访：家中老人身体健康，生活正常，无特殊情况', "
                    + "CASE WHEN n % 10 = 0 THEN '屋顶漏雨，需协调修缮' END, now() FROM generate_series(1, " + ROWS + ") n RETURNING 1) "
                    + "SELECT count(*) FROM v", household);
        }

        Path file = Files.createTempFile("ledger-", ".xlsx");
        try (InputStream body = given().baseUri("http://localhost:" + port).header("Authorization", "Bearer " + admin)
                .queryParam("gridId", grid).get("/ledgers/visits.xlsx").then().statusCode(200).extract().asInputStream()) {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        }
        long rows;
        String lastNote;
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile()); Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
            String[] last = new String[1];
            rows = sheet.peek(r -> last[0] = r.getCellText(5)).count();
            lastNote = last[0];
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(ROWS + 1, rows, "the header and every visit");
        assertTrue(lastNote.startsWith("第 ") && lastNote.contains("次走访"), lastNote);
        assertTrue(app.isAlive(), "the instance is still up");
        try (Connection db = DriverManager.getConnection(DB, "postgres", "")) {
            assertEquals(ROWS, single(db, "SELECT row_count FROM ledger_export WHERE actor_subject = 'it-ledger-admin' AND ledger = 'visits' "
                    + "AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"), "audited with its row count");
        }
    }

    private static long single(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
