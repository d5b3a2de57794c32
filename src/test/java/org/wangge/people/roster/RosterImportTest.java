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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.TestDb;

/** Rosters of a county of the class's own, imported by its village's chief. */
@QuarkusTest
class RosterImportTest {

    static final Doc JOB = Doc.of("people/ImportJob");
    static final Doc JOB_ERRORS = Doc.of("people/ImportErrors");
    static final Doc PROGRESS = Doc.of("people/ImportJobProgress");
    static final Doc BY_ID_NUMBER = Doc.of("people/PersonByIdNumber");

    County c;
    /** The village's leaf grids, which the rosters fill. */
    List<String> dongguan;
    String chief;

    @BeforeEach
    void county() {
        c = County.of(getClass());
        dongguan = List.of(c.group1.code(), c.group2.code(), c.group3.code());
        chief = c.chief.token();
    }

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
            JsonPath j = Gql.withToken(token).ok(JOB, "id", job);
            String status = j.getString("importJob.status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + job + " did not finish");
    }

    static Map<Integer, String> errors(String token, String job) {
        JsonPath e = Gql.withToken(token).ok(JOB_ERRORS, "id", job, "first", 500);
        Map<Integer, String> byLine = new HashMap<>();
        List<Map<String, Object>> nodes = e.getList("importJob.errors.edges.node");
        nodes.forEach(n -> byLine.put((Integer) n.get("line"), (String) n.get("column")));
        return byLine;
    }

    @Test
    void importsGoodRowsReportsBadOnesAndIsIdempotent() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(7, 300, dongguan, 25, 200_000);
        // a row in another village: outside the chief's jurisdiction
        List<String> outside = new java.util.ArrayList<>(roster.rows().get(0));
        outside.set(0, c.otherGroup1.code());
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

        String job = upload(chief, csv, "roster.csv");
        JsonPath done = awaitJob(chief, job);
        assertEquals("SUCCEEDED", done.getString("importJob.status"), done.prettify());
        assertEquals(roster.rows().size(), done.getInt("importJob.totalRows"));
        assertEquals(roster.rows().size(), done.getInt("importJob.doneRows"));
        assertEquals(roster.validRows(), done.getInt("importJob.importedRows"));
        assertEquals(roster.badLines().size(), done.getInt("importJob.errorRows"));
        assertEquals(roster.badLines(), errors(chief, job));
        assertEquals(personsBefore + roster.validRows(), TestDb.count(pool, "SELECT count(*) FROM person"));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM household_member m WHERE m.person_id = p.id)"));

        // the imported residents are there, masked, in their households
        JsonPath found = c.chief.ok(BY_ID_NUMBER, "idNumber", roster.rows().get(2).get(8), "reason", "核对导入结果");
        assertEquals(roster.rows().get(2).get(1), found.getString("personByIdNumber.household.address"));
        assertTrue(found.getString("personByIdNumber.idNumber").contains("***"));

        // again: nothing changes
        String again = upload(chief, csv, "roster.csv");
        JsonPath second = awaitJob(chief, again);
        assertEquals(0, second.getInt("importJob.importedRows"));
        assertEquals(roster.validRows(), second.getInt("importJob.unchangedRows"));
        assertEquals(personsBefore + roster.validRows(), TestDb.count(pool, "SELECT count(*) FROM person"));
        // someone else cannot read the job: to them it does not exist
        assertEquals("NOT_FOUND", c.otherChief.errorCode(JOB, "id", job));
    }

    @Test
    void importsAnXlsxWorkbook() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(11, 1_000, dongguan, 100, 300_000);
        Path xlsx = Files.createTempFile("roster", ".bin");
        RosterSamples.writeXlsx(roster, xlsx);
        String job = upload(chief, xlsx, "roster.xlsx");
        JsonPath done = awaitJob(chief, job);
        assertEquals("SUCCEEDED", done.getString("importJob.status"), done.prettify());
        assertEquals(1_000, done.getInt("importJob.totalRows"));
        assertEquals(roster.validRows(), done.getInt("importJob.importedRows"));
        assertEquals(roster.badLines(), errors(chief, job));
    }

    @Test
    void uploadsAreProtectedAndChecked() throws Exception {
        Path csv = Files.createTempFile("roster", ".csv");
        RosterSamples.writeCsv(RosterSamples.generate(3, 5, dongguan, 0, 400_000), csv);
        given().multiPart("file", csv.toFile()).post("/import/roster").then().statusCode(401);
        given().multiPart("file", csv.toFile()).header("Authorization", "Bearer " + c.resident.token())
                .post("/import/roster").then().statusCode(403);
        Path png = Files.createTempFile("photo", ".csv");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        String code = given().multiPart("file", png.toFile()).header("Authorization", "Bearer " + chief)
                .post("/import/roster").then().statusCode(400).extract().jsonPath().getString("code");
        assertEquals("VALIDATION", code);

        Path headless = Files.createTempFile("roster", ".csv");
        Files.writeString(headless, "姓名,地址\n张三,某地\n");
        JsonPath failed = awaitJob(chief, upload(chief, headless, "bad.csv"));
        assertEquals("FAILED", failed.getString("importJob.status"));
        assertTrue(failed.getString("importJob.message").contains("网格编码"), failed.getString("importJob.message"));
    }

    @Test
    void progressIsLiveOverASubscription() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(13, 2_000, dongguan, 100, 500_000);
        Path csv = Files.createTempFile("roster", ".csv");
        RosterSamples.writeCsv(roster, csv);
        String job = upload(chief, csv, "live.csv");
        try (org.wangge.GqlSocket socket = org.wangge.GqlSocket.open(vertx, port, chief)) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", PROGRESS, Map.of("id", job));
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
        assertEquals(roster.validRows(), awaitJob(chief, job).getInt("importJob.importedRows"));
    }
}
