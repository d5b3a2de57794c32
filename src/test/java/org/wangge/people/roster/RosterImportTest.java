package org.wangge.people.roster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.security.DevTokenResource;

@QuarkusTest
class RosterImportTest {

    private static final List<String> DONGGUAN = List.of("411321001001001", "411321001001002", "411321001001003");
    private static final String CHIEF = DevTokenResource.sign("chief-dongguan", "李秀英", Set.of("grid_chief"));

    @Inject
    Pool pool;
    @Inject
    io.vertx.core.Vertx vertx;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static String upload(String token, Path file, String name) {
        var spec = given().multiPart("file", file.toFile(), "application/octet-stream");
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.post("/import/roster").then().statusCode(202).extract().jsonPath().getString("jobId");
    }

    static JsonPath awaitJob(String token, String job) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonPath j = Gql.withToken(token).ok("query($id: ID!) { importJob(id: $id) { status totalRows doneRows importedRows unchangedRows errorRows message } }", "id", job);
            String status = j.getString("importJob.status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + job + " did not finish");
    }

    static Map<Integer, String> errors(String token, String job) {
        JsonPath e = Gql.withToken(token).ok("query($id: ID!) { importJob(id: $id) { errors(first: 500) { edges { node { line column message } } } } }", "id", job);
        Map<Integer, String> byLine = new HashMap<>();
        List<Map<String, Object>> nodes = e.getList("importJob.errors.edges.node");
        nodes.forEach(n -> byLine.put((Integer) n.get("line"), (String) n.get("column")));
        return byLine;
    }

    @Test
    void importsGoodRowsReportsBadOnesAndIsIdempotent() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(7, 300, DONGGUAN, 25, 200_000);
        // a row in another village: outside the chief's jurisdiction
        List<String> outside = new java.util.ArrayList<>(roster.rows().get(0));
        outside.set(0, "411321002001001");
        outside.set(8, RosterSamples.residentId(java.time.LocalDate.of(1977, 7, 7), 299_999, true));
        outside.set(9, "男");
        roster.rows().add(outside);
        roster.badLines().put(roster.rows().size() + 1, "网格编码");
        // the same person twice in the file
        List<String> twice = new java.util.ArrayList<>(roster.rows().get(1));
        twice.set(6, "其他");
        roster.rows().add(twice);
        roster.badLines().put(roster.rows().size() + 1, "证件号码");

        Path csv = Files.createTempFile("roster", ".csv");
        RosterSamples.writeCsv(roster, csv);
        long personsBefore = TestDb.count(pool, "SELECT count(*) FROM person");

        String job = upload(CHIEF, csv, "roster.csv");
        JsonPath done = awaitJob(CHIEF, job);
        assertEquals("SUCCEEDED", done.getString("importJob.status"), done.prettify());
        assertEquals(roster.rows().size(), done.getInt("importJob.totalRows"));
        assertEquals(roster.rows().size(), done.getInt("importJob.doneRows"));
        assertEquals(roster.validRows(), done.getInt("importJob.importedRows"));
        assertEquals(roster.badLines().size(), done.getInt("importJob.errorRows"));
        assertEquals(roster.badLines(), errors(CHIEF, job));
        assertEquals(personsBefore + roster.validRows(), TestDb.count(pool, "SELECT count(*) FROM person"));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM household_member m WHERE m.person_id = p.id)"));

        // the imported residents are there, masked, in their households
        JsonPath found = Gql.withToken(CHIEF).ok("query($n: String!) { personByIdNumber(idNumber: $n, reason: \"核对导入结果\") { name idNumber household { address grid { code } } } }",
                "n", roster.rows().get(2).get(8));
        assertEquals(roster.rows().get(2).get(1), found.getString("personByIdNumber.household.address"));
        assertTrue(found.getString("personByIdNumber.idNumber").contains("***"));

        // again: nothing changes
        String again = upload(CHIEF, csv, "roster.csv");
        JsonPath second = awaitJob(CHIEF, again);
        assertEquals(0, second.getInt("importJob.importedRows"));
        assertEquals(roster.validRows(), second.getInt("importJob.unchangedRows"));
        assertEquals(personsBefore + roster.validRows(), TestDb.count(pool, "SELECT count(*) FROM person"));
        // someone else cannot read the job: to them it does not exist
        assertEquals("NOT_FOUND", Gql.as("chief-yunyang", "grid_chief").errorCode("query($id: ID!) { importJob(id: $id) { status } }", "id", job));
    }

    @Test
    void importsAnXlsxWorkbook() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(11, 1_000, DONGGUAN, 100, 300_000);
        Path xlsx = Files.createTempFile("roster", ".bin");
        RosterSamples.writeXlsx(roster, xlsx);
        String job = upload(CHIEF, xlsx, "roster.xlsx");
        JsonPath done = awaitJob(CHIEF, job);
        assertEquals("SUCCEEDED", done.getString("importJob.status"), done.prettify());
        assertEquals(1_000, done.getInt("importJob.totalRows"));
        assertEquals(roster.validRows(), done.getInt("importJob.importedRows"));
        assertEquals(roster.badLines(), errors(CHIEF, job));
    }

    @Test
    void uploadsAreProtectedAndChecked() throws Exception {
        Path csv = Files.createTempFile("roster", ".csv");
        RosterSamples.writeCsv(RosterSamples.generate(3, 5, DONGGUAN, 0, 400_000), csv);
        given().multiPart("file", csv.toFile()).post("/import/roster").then().statusCode(401);
        given().multiPart("file", csv.toFile()).header("Authorization", "Bearer " + DevTokenResource.sign("resident-zhang", "张", Set.of("resident")))
                .post("/import/roster").then().statusCode(403);
        Path png = Files.createTempFile("photo", ".csv");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        String code = given().multiPart("file", png.toFile()).header("Authorization", "Bearer " + CHIEF)
                .post("/import/roster").then().statusCode(400).extract().jsonPath().getString("code");
        assertEquals("VALIDATION", code);

        Path headless = Files.createTempFile("roster", ".csv");
        Files.writeString(headless, "姓名,地址\n张三,某地\n");
        JsonPath failed = awaitJob(CHIEF, upload(CHIEF, headless, "bad.csv"));
        assertEquals("FAILED", failed.getString("importJob.status"));
        assertTrue(failed.getString("importJob.message").contains("网格编码"), failed.getString("importJob.message"));
    }

    @Test
    void progressIsLiveOverASubscription() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(13, 2_000, DONGGUAN, 100, 500_000);
        Path csv = Files.createTempFile("roster", ".csv");
        RosterSamples.writeCsv(roster, csv);
        String job = upload(CHIEF, csv, "live.csv");
        try (org.wangge.GqlSocket socket = org.wangge.GqlSocket.open(vertx, port, CHIEF)) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", "subscription($id: ID!) { importJobProgress(id: $id) { status doneRows totalRows importedRows } }",
                    Map.of("id", job));
            List<Integer> done = new java.util.ArrayList<>();
            String status = null;
            for (io.vertx.core.json.JsonObject m = socket.next(30); m != null; m = socket.next(30)) {
                if (m.getString("type").equals("complete")) {
                    break;
                }
                assertEquals("next", m.getString("type"), m.encode());
                io.vertx.core.json.JsonObject p = m.getJsonObject("payload").getJsonObject("data").getJsonObject("importJobProgress");
                done.add(p.getInteger("doneRows"));
                status = p.getString("status");
            }
            assertEquals("SUCCEEDED", status);
            assertEquals(2_000, done.get(done.size() - 1));
            for (int i = 1; i < done.size(); i++) {
                assertTrue(done.get(i) >= done.get(i - 1), done.toString());
            }
        }
        assertEquals(roster.validRows(), awaitJob(CHIEF, job).getInt("importJob.importedRows"));
    }
}
