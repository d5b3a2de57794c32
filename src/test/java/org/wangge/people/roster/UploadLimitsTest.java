package org.wangge.people.roster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;

/** What an upload may cost the server: the size of a GraphQL body, the unpacked size of a workbook, the import queue. */
@QuarkusTest
class UploadLimitsTest {

    @Inject
    Pool pool;

    /** The village's leaf grids of a county of the class's own, and its chief's token. */
    List<String> dongguan;
    String chief;

    @BeforeEach
    void county() {
        County c = County.of(getClass());
        dongguan = List.of(c.group1.code(), c.group2.code(), c.group3.code());
        chief = c.chief.token();
    }

    @Test
    void aGraphQLBodyOverOneMegabyteIsRefusedWhileALargerRosterIsTaken() throws Exception {
        String pad = "x".repeat(2 << 20);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + chief)
                .body(Map.of("query", "query($pad: String) { myGrids { id } }", "variables", Map.of("pad", pad)))
                .post("/graphql").then().statusCode(413);
        // whichever path the request takes (here: no token, not one the compiled reads look at)
        given().contentType(ContentType.JSON).body(Map.of("query", "query($pad: String) { myGrids { id } }", "variables", Map.of("pad", pad)))
                .post("/graphql").then().statusCode(413);
        // a request under the limit is answered as ever
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + chief)
                .body(Map.of("query", "{ myGrids { code } }")).post("/graphql").then().statusCode(200);

        // a roster of 1.3 MB (a long remarks column, which the import ignores)
        RosterSamples.Roster roster = RosterSamples.generate(41, 2500, dongguan, 1_000_000, 700_000);
        Path csv = Files.createTempFile("roster-large", ".csv");
        StringBuilder out = new StringBuilder(String.join(",", RosterSamples.HEADER)).append(",备注\n");
        String remark = "备".repeat(150);
        for (List<String> row : roster.rows()) {
            out.append(String.join(",", row)).append(',').append(remark).append('\n');
        }
        Files.writeString(csv, out, StandardCharsets.UTF_8);
        assertTrue(Files.size(csv) > (1 << 20), "over a megabyte: " + Files.size(csv));
        String job = RosterImportTest.upload(chief, csv, "large.csv");
        assertEquals("SUCCEEDED", RosterImportTest.awaitJob(chief, job).getString("importJob.status"));
    }

    @Test
    void aWorkbookThatUnpacksFarBeyondItsSizeIsRefusedOnUpload() throws Exception {
        Path bomb = Files.createTempFile("bomb", ".xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            entry(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"名册\" sheetId=\"1\"/></sheets></workbook>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes(StandardCharsets.UTF_8));
            // 64 MB of blanks between two elements: valid XML, a few tens of kilobytes packed
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(blanks);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertTrue(Files.size(bomb) < 200_000, "small: " + Files.size(bomb));
        Response response = given().multiPart("file", bomb.toFile(), "application/octet-stream").header("Authorization", "Bearer " + chief)
                .post("/import/roster");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("VALIDATION", response.jsonPath().getString("code"));
        assertEquals("file", response.jsonPath().getString("field"));
        assertTrue(response.jsonPath().getString("message").contains("unpacks"), response.asString());
    }

    @Test
    void beyondFourWaitingImportsAnUploadIsRefusedAsBusyAndNothingIsKept() throws Exception {
        RosterSamples.Roster roster = RosterSamples.generate(43, 2, dongguan, 1_000_000, 710_000);
        Path csv = Files.createTempFile("roster-small", ".csv");
        RosterSamples.writeCsv(roster, csv);
        List<String> jobs = new ArrayList<>();
        // the importer waits on the households (as behind a long transaction): the first job runs, the next wait
        SqlConnection conn = pool.getConnection().await().indefinitely();
        Transaction tx = conn.begin().await().indefinitely();
        try {
            conn.query("LOCK TABLE household IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            for (int i = 0; i < 4; i++) {
                jobs.add(RosterImportTest.upload(chief, csv, "small-" + i + ".csv"));
            }
            long copies = copies();
            Response busy = given().multiPart("file", csv.toFile(), "application/octet-stream").header("Authorization", "Bearer " + chief)
                    .post("/import/roster");
            assertEquals(503, busy.statusCode(), busy.asString());
            assertEquals("BUSY", busy.jsonPath().getString("code"));
            assertEquals("60", busy.header("Retry-After"));
            assertEquals(copies, copies(), "no copy kept of a refused upload");
        } finally {
            tx.rollback().await().indefinitely();
            conn.close().await().indefinitely();
        }
        for (String job : jobs) {
            RosterImportTest.awaitJob(chief, job);
        }
        // the queue drained, uploads are taken again
        RosterImportTest.awaitJob(chief, RosterImportTest.upload(chief, csv, "again.csv"));
    }

    /** The importer's copies of uploaded files waiting for their job. */
    private static long copies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("roster-") && !f.getFileName().toString().startsWith("roster-small")
                    && !f.getFileName().toString().startsWith("roster-large")).count();
        }
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
