package org.wangge.cases.catalogue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;

/** The catalogue comes from a centre's spreadsheet: 大类/小类 codes, standards and per-stage limits, checked whole and written whole. */
@QuarkusTest
class CatalogueImportTest {

    static final List<String> HEADER = List.of("大类代码", "大类名称", "小类代码", "小类名称", "编码", "立案标准", "结案标准", "责任部门",
            "受理时限", "派遣时限", "处置时限", "核查时限");
    static final String KINDS = """
            { caseKinds { code classCode nameZh limits { stage priority limit { amount unit } }
                          items { code subCode fullCode nameZh acceptStandard closeStandard departmentKind limits { stage priority limit { amount unit } } } } }""";
    static final String REPORT = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id createdAt dueAt stageDueAt } }";
    static final String DEADLINE = "query($s: DateTime!, $a: Int!, $u: LimitUnit!) { deadlineAfter(start: $s, limit: {amount: $a, unit: $u}) }";

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    static List<List<String>> sheet(boolean withSecondItem) {
        List<List<String>> rows = new java.util.ArrayList<>(List.of(
                List.of("91", "市容环境", "", "", "CITY_LOOK", "", "", "", "1工作小时", "1工作小时", "紧急:2小时；较急:1工作日；一般:3工作日；较缓:5工作日", "1工作日"),
                List.of("91", "市容环境", "01", "占道经营", "", "占用道路经营，影响通行", "摊点撤离，道路恢复通行", "URBAN_MANAGEMENT", "", "", "一般:4工作小时", "")));
        if (withSecondItem) {
            rows.add(List.of("91", "市容环境", "02", "井盖缺失", "", "", "", "", "", "", "", ""));
        }
        return rows;
    }

    static Path xlsx(List<List<String>> rows) throws IOException {
        Path file = Files.createTempFile("catalogue", ".xlsx");
        try (OutputStream os = Files.newOutputStream(file); Workbook workbook = new Workbook(os, "wangge", "1.0")) {
            Worksheet ws = workbook.newWorksheet("事件分类");
            for (int i = 0; i < HEADER.size(); i++) {
                ws.value(0, i, HEADER.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < rows.get(r).size(); i++) {
                    if (!rows.get(r).get(i).isEmpty()) {
                        ws.value(r + 1, i, rows.get(r).get(i));
                    }
                }
            }
        }
        return file;
    }

    static Path csv(String text) throws IOException {
        Path file = Files.createTempFile("catalogue", ".csv");
        Files.writeString(file, String.join(",", HEADER) + "\n" + text, StandardCharsets.UTF_8);
        return file;
    }

    static Response upload(String token, Path file) {
        return given().header("Authorization", "Bearer " + token).multiPart("file", file.toFile(), "application/octet-stream")
                .post("/import/catalogue");
    }

    private OffsetDateTime deadline(String start, int amount, String unit) {
        return OffsetDateTime.parse(c.worker.ok(DEADLINE, "s", start, "a", amount, "u", unit).getString("deadlineAfter"));
    }

    @Test
    void aCentresSheetBecomesTheCatalogueAndSetsTheDeadlines() throws Exception {
        JsonPath done = upload(Gql.admin().token(), xlsx(sheet(true))).then().statusCode(200).extract().jsonPath();
        assertEquals(1, done.getInt("kinds"));
        assertEquals(2, done.getInt("items"));
        assertEquals(4 + 3 + 1, done.getInt("limits"));

        JsonPath kinds = c.resident.ok(KINDS).setRootPath("data.caseKinds.find { it.classCode == '91' }");
        assertEquals("CITY_LOOK", kinds.getString("code"));
        assertEquals("市容环境", kinds.getString("nameZh"));
        assertEquals(List.of("9101", "9102"), kinds.getList("items.fullCode"));
        assertEquals("占用道路经营，影响通行", kinds.getString("items[0].acceptStandard"));
        assertEquals("摊点撤离，道路恢复通行", kinds.getString("items[0].closeStandard"));
        assertEquals("URBAN_MANAGEMENT", kinds.getString("items[0].departmentKind"));
        assertEquals(Map.of("stage", "HANDLE", "priority", "NORMAL", "limit", Map.of("amount", 4, "unit", "WORKING_HOURS")),
                kinds.getMap("items[0].limits[0]"));
        assertEquals(List.of("ACCEPT", "DISPATCH", "HANDLE", "HANDLE", "HANDLE", "HANDLE", "VERIFY"), kinds.getList("limits.stage"));

        // 占道经营 at normal priority: its own 4 working hours; 井盖缺失: the 大类's 3 working days; both accepted within 1 working hour
        String item = kinds.getString("items[0].code");
        JsonPath first = c.worker.ok(REPORT, "i", Map.of("kind", "CITY_LOOK", "item", item, "title", "早市占道", "gridId", c.group1.id()))
                .setRootPath("data.reportCase");
        String at = first.getString("createdAt");
        assertEquals(deadline(at, 4, "WORKING_HOURS").toInstant(), OffsetDateTime.parse(first.getString("dueAt")).toInstant());
        assertEquals(deadline(at, 1, "WORKING_HOURS").toInstant(), OffsetDateTime.parse(first.getString("stageDueAt")).toInstant());
        JsonPath second = c.worker.ok(REPORT, "i", Map.of("kind", "CITY_LOOK", "item", kinds.getString("items[1].code"), "title", "井盖丢了",
                "gridId", c.group1.id())).setRootPath("data.reportCase");
        assertEquals(deadline(second.getString("createdAt"), 3, "WORKING_DAYS").toInstant(), OffsetDateTime.parse(second.getString("dueAt")).toInstant());

        // the same sheet again changes nothing; without 井盖缺失 it is retired (its cases keep it) and cannot be reported
        assertEquals(0, upload(Gql.admin().token(), xlsx(sheet(true))).then().statusCode(200).extract().jsonPath().getInt("retiredItems"));
        assertEquals(1, upload(Gql.admin().token(), xlsx(sheet(false))).then().statusCode(200).extract().jsonPath().getInt("retiredItems"));
        assertEquals(List.of("9101"), c.resident.ok(KINDS).getList("caseKinds.find { it.classCode == '91' }.items.fullCode"));
        assertEquals("VALIDATION", c.worker.errorCode(REPORT, "i", Map.of("kind", "CITY_LOOK", "item", kinds.getString("items[1].code"),
                "title", "又一个井盖", "gridId", c.group1.id())));
        // the shipped 大类 are untouched
        assertTrue(c.resident.ok(KINDS).getList("caseKinds.classCode").containsAll(List.of("01", "02", "03", "04", "05", "06")));
    }

    @Test
    void aSheetWithProblemsIsRefusedWholeWithEveryProblemNamed() throws Exception {
        String text = String.join("\n",
                "92,新大类,,,,,,,1工作小时,,一般:3工作日,",                         // line 2: handling limit not for every priority
                "92,新大类,01,小类一,,,,,三小时,,,",                                // line 3: not a limit
                "92,新大类,01,小类一again,,,,,,,,",                                 // line 4: given twice
                "9,短代码,,,,,,,,,1天,",                                           // line 5: one digit
                "93,无本行大类,01,孤儿,,,,,,,,",                                     // line 6: no row of its own
                "94,优先级,,,,,,,,,紧急:1小时;加急:2小时;一般:3小时;较缓:4小时,"); // line 7: unknown priority
        Response r = upload(Gql.admin().token(), csv(text + "\n"));
        r.then().statusCode(400);
        JsonPath body = r.jsonPath();
        assertEquals("VALIDATION", body.getString("code"));
        List<Map<String, Object>> problems = body.getList("problems");
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 7), problems.stream().map(p -> p.get("line")).toList(), problems.toString());
        assertEquals("处置时限", problems.get(0).get("column"));
        assertEquals("受理时限", problems.get(1).get("column"));
        // nothing of it was written
        JsonPath kinds = c.resident.ok(KINDS);
        assertFalse(kinds.getList("caseKinds.classCode").contains("92"));
        assertNull(kinds.get("caseKinds.find { it.classCode == '94' }"));

        Response missing = upload(Gql.admin().token(), headerless());
        missing.then().statusCode(400);
        assertEquals(1, (int) missing.jsonPath().getInt("problems[0].line"));
    }

    static Path headerless() throws IOException {
        Path file = Files.createTempFile("catalogue", ".csv");
        Files.writeString(file, "大类代码,大类名称\n95,缺列\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theSampleInTheReadmeImports() {
        JsonPath done = upload(Gql.admin().token(), Path.of("samples/catalogue-sample.csv")).then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("kinds", 1, "items", 2, "limits", 12, "retiredItems", 0), done.getMap(""));
        assertEquals(List.of("0701", "0702"), c.resident.ok(KINDS).getList("caseKinds.find { it.classCode == '07' }.items.fullCode"));
    }

    @Test
    void aSheetMayNumberByCodeAndSwapNumbers() throws Exception {
        List<String> a = List.of("95", "甲类", "", "", "SWAP_A", "", "", "", "", "", "3工作日", "");
        List<String> b = List.of("96", "乙类", "", "", "SWAP_B", "", "", "", "", "", "3工作日", "");
        upload(Gql.admin().token(), xlsx(List.of(a, b))).then().statusCode(200);
        // the same codes with each other's numbers: the kinds keep their codes and swap numbers
        List<String> a2 = List.of("96", "甲类", "", "", "SWAP_A", "", "", "", "", "", "3工作日", "");
        List<String> b2 = List.of("95", "乙类", "", "", "SWAP_B", "", "", "", "", "", "3工作日", "");
        upload(Gql.admin().token(), xlsx(List.of(a2, b2))).then().statusCode(200);
        JsonPath kinds = c.resident.ok(KINDS);
        assertEquals("96", kinds.getString("caseKinds.find { it.code == 'SWAP_A' }.classCode"));
        assertEquals("95", kinds.getString("caseKinds.find { it.code == 'SWAP_B' }.classCode"));
        // one code on two rows is a problem of the sheet
        List<String> twice = List.of("97", "丙类", "", "", "SWAP_A", "", "", "", "", "", "3工作日", "");
        Response r = upload(Gql.admin().token(), xlsx(List.of(a2, twice)));
        r.then().statusCode(400);
        assertEquals("编码", r.jsonPath().getString("problems[0].column"));
    }

    @Test
    void onlyAnAdminImports() throws Exception {
        upload(c.commander.token(), xlsx(sheet(true))).then().statusCode(403);
        given().multiPart("file", xlsx(sheet(true)).toFile(), "application/octet-stream").post("/import/catalogue").then().statusCode(401);
    }
}
