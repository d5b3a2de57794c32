package org.wangge.ledgers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.TestIds;

/** 台账: each ledger opened with an XLSX reader, its headers, rows, masks and audit; refused where the graph refuses. */
@QuarkusTest
class LedgerTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String REPORT = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }";

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    static Response get(Gql as, String ledger, Object... params) {
        var request = given().header("Authorization", "Bearer " + as.token());
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/ledgers/" + ledger);
    }

    /** The ledger's rows (its header row first) as text, every sheet after the other. */
    static List<List<String>> rows(Gql as, String ledger, Object... params) throws IOException {
        Response r = get(as, ledger, params);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(XLSX, r.contentType());
        assertTrue(r.header("Content-Disposition").startsWith("attachment; filename*=UTF-8''"));
        List<List<String>> out = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            workbook.getSheets().forEach(sheet -> {
                try (Stream<Row> sheetRows = sheet.openStream()) {
                    sheetRows.forEach(row -> {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < row.getCellCount(); i++) {
                            cells.add(row.getCellText(i));
                        }
                        out.add(cells);
                    });
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    /** No cell of any ledger holds a resident ID number in full (the credit code column aside). */
    static void noIdNumbers(List<List<String>> rows) {
        int credit = rows.get(0).indexOf("统一社会信用代码");
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                assertFalse(i != credit && row.get(i) != null && row.get(i).matches(".*\\d{17}[\\dX].*"), row.toString());
            }
        }
    }

    @Test
    void theCaseAndRiskLedgersHoldWhatTheGraphShowsAndAreAudited() throws IOException {
        String red = c.worker.ok(REPORT, "i", Map.of("kind", "DISPUTE", "title", "宅基地纠纷（台账）", "gridId", c.group1.id(), "riskColour", "RED"))
                .getString("reportCase.id");
        c.worker.ok(REPORT, "i", Map.of("kind", "DISPUTE", "title", "邻里噪音（台账）", "gridId", c.group2.id(), "riskColour", "GREEN"));
        c.worker.ok(REPORT, "i", Map.of("kind", "ENVIRONMENT", "title", "垃圾堆放（台账）", "gridId", c.group1.id()));

        List<List<String>> cases = rows(c.chief, "cases.xlsx", "gridId", c.village.id());
        assertEquals(List.of("案件编号", "上报时间", "大类", "小类", "标题", "网格", "来源", "优先级", "状态", "风险等级", "办理期限", "是否超期", "办结时间",
                "满意度"), cases.get(0));
        int total = c.chief.ok("query($g: ID!) { cases(filter: {gridId: $g}) { totalCount } }", "g", c.village.id()).getInt("cases.totalCount");
        assertEquals(total, cases.size() - 1, "the cases the graph lists");
        assertTrue(cases.stream().anyMatch(r -> r.contains("垃圾堆放（台账）") && r.contains("环境卫生") && r.contains("填单")), cases.toString());
        noIdNumbers(cases);

        // the graph's filter: only what it selects
        List<List<String>> reported = rows(c.chief, "cases", "gridId", c.village.id(), "states", "REPORTED", "kinds", "DISPUTE");
        int filtered = c.chief.ok("query($g: ID!) { cases(filter: {gridId: $g, states: [REPORTED], kinds: [\"DISPUTE\"]}) { totalCount } }",
                "g", c.village.id()).getInt("cases.totalCount");
        assertEquals(filtered, reported.size() - 1);
        assertTrue(reported.stream().skip(1).allMatch(r -> r.get(2).equals("矛盾纠纷") && r.get(8).equals("填单")));

        // 三色: disputes only, red before yellow before green, with their age and last action
        List<List<String>> risks = rows(c.chief, "risks", "gridId", c.village.id());
        assertEquals(List.of("风险等级", "案件编号", "纠纷事由", "网格", "上报时间", "已持续天数", "状态", "最近处置", "最近处置时间", "处置说明"), risks.get(0));
        List<String> colours = risks.stream().skip(1).map(r -> r.get(0)).toList();
        assertEquals(colours.stream().sorted(java.util.Comparator.comparing(List.of("红", "黄", "绿")::indexOf)).toList(), colours);
        assertTrue(colours.contains("红") && colours.contains("绿"));
        assertFalse(risks.stream().anyMatch(r -> r.contains("垃圾堆放（台账）")), "not a dispute");
        List<String> redRow = risks.stream().filter(r -> r.contains("宅基地纠纷（台账）")).findFirst().orElseThrow();
        assertEquals("0", redRow.get(5));
        assertEquals("上报", redRow.get(7));
        assertEquals(c.worker.ok("query($id: ID!) { case(id: $id) { number } }", "id", red).getString("case.number"), redRow.get(1));

        // each export audited with its filter and row count
        List<io.vertx.mutiny.sqlclient.Row> audit = TestDb.rows(pool, "SELECT ledger, filter::text, row_count, finished_at IS NOT NULL FROM ledger_export"
                + " WHERE actor_subject = $1 AND ledger IN ('cases', 'risks') ORDER BY id", c.chief.subject());
        assertEquals(List.of("cases", "cases", "risks"), audit.stream().map(r -> r.getString(0)).toList());
        assertEquals(cases.size() - 1, audit.get(0).getInteger(2));
        assertTrue(audit.get(1).getString(1).contains("REPORTED"), audit.get(1).getString(1));
        assertTrue(audit.stream().allMatch(r -> r.getBoolean(3)));
        // the log, for admins through the graph
        JsonPath log = Gql.admin().ok("query($s: String) { ledgerExports(actorSubject: $s, first: 50) { totalCount edges { node { ledger "
                + "gridId rowCount filter finishedAt } } } }", "s", c.chief.subject());
        List<Map<String, Object>> exports = log.getList("ledgerExports.edges.node");
        assertTrue(exports.stream().anyMatch(e -> "risks".equals(e.get("ledger")) && c.village.id().equals(e.get("gridId"))
                && Integer.valueOf(risks.size() - 1).equals(e.get("rowCount"))), exports.toString());
        assertEquals("FORBIDDEN", c.chief.errorCode("{ ledgerExports { totalCount } }"));
    }

    @Test
    void theUnitAndVisitLedgersShowMasksAndInspections() throws IOException {
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
        String contact = Gql.admin().ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", Map.of("householdId", c.household,
                "name", "台账联系人", "residenceType", "REGISTERED", "phone", phone,
                "idNumber", TestIds.resident("411321", LocalDate.of(1980, 5, 5), (int) (System.nanoTime() % 997)))).getString("registerPerson.id");
        String place = c.chief.ok("mutation($i: AddressInput!) { createAddress(input: $i) { id } }", "i",
                Map.of("kind", "PLACE", "name", "台账街" + System.nanoTime(), "gridId", c.group1.id())).getString("createAddress.id");
        String register = "mutation($i: UnitInput!) { registerUnit(input: $i) { id } }";
        String shop = c.chief.ok(register, "i", Map.of("addressId", place, "name", "台账饭店", "kind", "RESTAURANT", "creditCode",
                TestIds.creditCode(), "contactId", contact, "riskTags", List.of("NINE_SMALL"))).getString("registerUnit.id");
        c.chief.ok(register, "i", Map.of("addressId", place, "name", "台账书店", "kind", "SHOP"));
        // a unit whose contact lives where the chief reads no residents: the ledger names them no more than the graph does
        String stranger = Gql.admin().ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", Map.of("householdId",
                c.household(c.otherGroup1, "台账外村 " + System.nanoTime()), "name", "外村联系人", "residenceType", "REGISTERED", "phone", phone.replace("139", "137")))
                .getString("registerPerson.id");
        Gql.admin().ok(register, "i", Map.of("addressId", place, "name", "台账外联单位", "kind", "OTHER", "contactId", stranger));
        c.worker.ok("mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\", findings: [{item: \"FIRE_EXITS\", "
                + "description: \"通道堵塞\"}]}) { id } }", "u", shop);
        c.worker.ok("mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\"}) { id } }", "u", shop);

        List<List<String>> units = rows(c.chief, "units.xlsx", "gridId", c.group1.id());
        List<String> headers = units.get(0);
        assertEquals(List.of("单位名称", "统一社会信用代码", "单位类别", "地址", "网格", "风险标签", "法定代表人", "联系人", "联系电话", "从业人员",
                "下次检查期限", "检查时间", "检查表", "检查人", "发现隐患数", "未整改隐患", "检查记录"), headers);
        List<List<String>> restaurant = units.stream().filter(r -> r.get(0).equals("台账饭店")).toList();
        assertEquals(2, restaurant.size(), "a row for each inspection");
        restaurant.forEach(r -> {
            assertEquals("餐饮", r.get(2));
            assertEquals("九小场所", r.get(5));
            assertTrue(r.get(8).matches("139\\*{6,}\\d{0,2}"), "the phone masked as in the graph: " + r.get(8));
            assertFalse(r.contains(phone));
        });
        assertTrue(restaurant.stream().anyMatch(r -> "1".equals(r.get(14)) && r.get(15).contains("通道堵塞")), restaurant.toString());
        List<String> books = units.stream().filter(r -> r.get(0).equals("台账书店")).findFirst().orElseThrow();
        assertTrue(books.stream().skip(headers.indexOf("检查时间")).allMatch(cell -> cell == null || cell.isEmpty()), "never inspected: " + books);
        noIdNumbers(units);
        List<String> outsider = units.stream().filter(r -> r.get(0).equals("台账外联单位")).findFirst().orElseThrow();
        assertFalse(outsider.contains("外村联系人"), outsider.toString());
        assertTrue(outsider.stream().skip(headers.indexOf("联系人")).limit(2).allMatch(cell -> cell == null || cell.isEmpty()), outsider.toString());
        assertTrue(rows(Gql.admin(), "units", "gridId", c.group1.id(), "unitKind", "OTHER").stream().anyMatch(r -> r.contains("外村联系人")),
                "an admin reads every resident");
        long expected = TestDb.count(pool, "SELECT count(*) FROM unit u JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id"
                + " LEFT JOIN inspection i ON i.unit_id = u.id WHERE g.code = $1", c.group1.code());
        assertEquals(expected, units.size() - 1);

        c.worker.ok("mutation($h: ID!) { recordVisit(input: {householdId: $h, notes: \"台账走访\"}) { id } }", "h", c.household);
        List<List<String>> visits = rows(c.chief, "visits", "gridId", c.village.id(), "from", LocalDate.now().minusDays(1).toString());
        assertEquals(List.of("走访时间", "网格", "住户地址", "走访对象", "走访人", "走访记录", "发现问题", "录入时间"), visits.get(0));
        assertTrue(visits.stream().anyMatch(r -> r.contains("台账走访")));
        noIdNumbers(visits);
    }

    @Test
    void ledgersAreRefusedWhereTheGraphRefuses() throws IOException {
        assertEquals(403, get(c.otherChief, "cases", "gridId", c.village.id()).statusCode());
        assertEquals(403, get(c.resident, "units", "gridId", c.village.id()).statusCode());
        assertEquals(403, get(c.police, "visits", "gridId", c.village.id()).statusCode(), "police read no visit notes");
        assertEquals(200, get(c.police, "units", "gridId", c.village.id()).statusCode());
        assertEquals(404, get(c.chief, "nothing", "gridId", c.village.id()).statusCode());
        Response bad = get(c.chief, "cases", "gridId", c.village.id(), "states", "SOMEWHERE");
        assertEquals(400, bad.statusCode());
        assertEquals("states", bad.jsonPath().getString("field"));
        assertEquals("gridId", get(c.chief, "cases").jsonPath().getString("field"));
        assertEquals(401, given().get("/ledgers/cases?gridId=" + c.village.id()).statusCode());

        // points: an admin's ledger of one account; anyone else's own only
        String subject = c.reporter.subject();
        Gql.admin().ok("mutation($s: String!) { correctPoints(subject: $s, amount: 7, note: \"台账更正\") { balance } }", "s", subject);
        List<List<String>> points = rows(Gql.admin(), "points", "subject", subject);
        assertEquals(List.of("时间", "账户", "事由", "积分变动", "变动后余额", "关联案件", "说明"), points.get(0));
        assertTrue(points.stream().anyMatch(r -> r.contains("更正") && r.contains("台账更正")), points.toString());
        assertEquals(points, rows(c.reporter, "points"), "one's own");
        assertEquals(403, get(c.chief, "points", "subject", subject).statusCode());
        assertEquals(1, rows(c.chief, "points").size(), "the chief has no entries of their own");
    }
}
