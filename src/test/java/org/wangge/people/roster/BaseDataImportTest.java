package org.wangge.people.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.TestIds;

/** One workbook with sheets of residents, addresses, houses and units: one job, row errors by sheet, idempotent. */
@QuarkusTest
class BaseDataImportTest {

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    static void sheet(Workbook workbook, String name, List<List<Object>> rows) {
        Worksheet ws = workbook.newWorksheet(name);
        for (int r = 0; r < rows.size(); r++) {
            for (int col = 0; col < rows.get(r).size(); col++) {
                Object v = rows.get(r).get(col);
                if (v != null) {
                    ws.value(r, col, v.toString());
                }
            }
        }
    }

    @Test
    void aWorkbookOfResidentsAddressesHousesAndUnitsImportsOnceWithItsErrorsBySheet() throws Exception {
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String grid = c.group1.code();
        String owner = TestIds.resident("411321", LocalDate.of(1975, 4, 4), (int) (System.nanoTime() % 997));
        String stranger = TestIds.resident("411321", LocalDate.of(1977, 7, 7), (int) (System.nanoTime() % 991));
        String code = TestIds.creditCode();
        String place = "一标三实小区" + stamp;
        Path file = Files.createTempFile("base-data", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            sheet(workbook, "人口", List.of(List.of("网格编码", "地址", "楼栋", "单元", "房号", "姓名", "证件号码", "人口类型", "与户主关系"),
                    List.of(grid, place, "1栋", "1单元", "101", "房东" + stamp, owner, "户籍", "户主")));
            sheet(workbook, "地址", List.of(List.of("网格编码", "地址", "楼栋", "单元", "房号"),
                    List.of(grid, place, "2栋", "1单元", "201"),
                    List.of(grid, place, "2栋", "1单元", "202"),
                    List.of("NO-SUCH-GRID", place, "3栋", "", "")));
            sheet(workbook, "房屋", List.of(List.of("网格编码", "地址", "楼栋", "单元", "房号", "房屋用途", "房主证件号码", "面积"),
                    List.of(grid, place, "2栋", "1单元", "201", "出租", owner, "85.5"),
                    List.of(grid, place, "2栋", "1单元", "202", "自住", "", ""),
                    List.of(grid, place, "2栋", "1单元", "201", "空置", "", ""),
                    List.of(grid, place, "2栋", "1单元", "203", "出租", stranger, "")));
            sheet(workbook, "单位", List.of(List.of("网格编码", "地址", "单位名称", "统一社会信用代码", "单位类别", "法定代表人证件号码", "从业人员",
                    "营业时间", "风险标签"),
                    List.of(grid, place + "沿街商铺", "一标三实饭店" + stamp, code, "餐饮", owner, "6", "10:00-22:00", "九小场所、特种行业"),
                    List.of(grid, place + "沿街商铺", "无照小卖部" + stamp, "", "商铺", "", "", "", ""),
                    List.of(grid, place + "沿街商铺", "错码公司" + stamp, code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'), "企业", "",
                            "", "", ""),
                    List.of(grid, place + "沿街商铺", "无名标签" + stamp, "", "商铺", "", "", "", "不存在的标签")));
            // a sheet of notes for whoever fills the workbook in: read past
            sheet(workbook, "填写说明", List.of(List.of("说明"), List.of("房屋用途填 自住、出租、空置、经营 或 混合")));
            workbook.finish();
        }

        String chief = c.chief.token();
        String job = RosterImportTest.upload(chief, file, "一标三实.xlsx");
        JsonPath done = RosterImportTest.awaitJob(chief, job);
        assertEquals("SUCCEEDED", done.getString("importJob.status"), done.prettify());
        assertEquals(1 + 3 + 4 + 4, done.getInt("importJob.totalRows"));
        // the resident, two rooms, two houses, two units
        assertEquals(7, done.getInt("importJob.importedRows"), done.prettify());
        assertEquals(5, done.getInt("importJob.errorRows"));

        JsonPath errors = Gql.withToken(chief).ok("query($id: ID!) { importJob(id: $id) { errors(first: 50) { edges { node { sheet line column } } } } }",
                "id", job);
        List<Map<String, Object>> nodes = errors.getList("importJob.errors.edges.node");
        Map<String, String> bySheetLine = new HashMap<>();
        nodes.forEach(n -> bySheetLine.put(n.get("sheet") + ":" + n.get("line"), (String) n.get("column")));
        assertEquals(Map.of("地址:4", "网格编码", "房屋:4", "地址", "房屋:5", "房主证件号码", "单位:4", "统一社会信用代码", "单位:5", "风险标签"),
                bySheetLine);

        // in the graph: the rented house with its owner, the unit with its tags and legal representative
        JsonPath houses = c.chief.ok("query($g: ID!) { grid(id: $g) { houses(use: RENTED, first: 100) { edges { node { area owner { name } "
                + "address { name parent { name parent { name } } } } } } } }", "g", c.group1.id());
        List<Map<String, Object>> rented = houses.getList("grid.houses.edges.node");
        assertTrue(rented.stream().anyMatch(h -> Double.valueOf(85.5).equals(((Number) h.get("area")).doubleValue())
                && ("房东" + stamp).equals(((Map<?, ?>) h.get("owner")).get("name"))), rented.toString());
        JsonPath unit = c.chief.ok("query($c: String!) { unitByCreditCode(creditCode: $c) { name kind employees openingHours "
                + "riskTags { code } legalRepresentative { name } address { name } } }", "c", code);
        assertEquals("RESTAURANT", unit.getString("unitByCreditCode.kind"));
        assertEquals(List.of("NINE_SMALL", "SPECIAL_TRADE"), unit.getList("unitByCreditCode.riskTags.code"));
        assertEquals("房东" + stamp, unit.getString("unitByCreditCode.legalRepresentative.name"));
        assertEquals(place + "沿街商铺", unit.getString("unitByCreditCode.address.name"));

        // again: nothing new, the same errors
        String again = RosterImportTest.upload(chief, file, "一标三实.xlsx");
        JsonPath second = RosterImportTest.awaitJob(chief, again);
        assertEquals(0, second.getInt("importJob.importedRows"), second.prettify());
        assertEquals(7, second.getInt("importJob.unchangedRows"));
        assertEquals(5, second.getInt("importJob.errorRows"));
        Files.deleteIfExists(file);
    }

    @Test
    void aSheetLackingAColumnFailsTheJobBeforeAnyRowIsWritten() throws Exception {
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Path file = Files.createTempFile("base-data-bad", ".xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            sheet(workbook, "人口", List.of(List.of("网格编码", "地址", "姓名", "证件号码", "人口类型"),
                    List.of(c.group1.code(), "缺列小区" + stamp, "不应导入" + stamp, TestIds.resident("411321", LocalDate.of(1981, 1, 1),
                            (int) (System.nanoTime() % 983)), "户籍")));
            sheet(workbook, "单位", List.of(List.of("网格编码", "地址", "单位名称"), List.of(c.group1.code(), "缺列小区" + stamp, "缺类别")));
            workbook.finish();
        }
        String chief = c.chief.token();
        JsonPath done = RosterImportTest.awaitJob(chief, RosterImportTest.upload(chief, file, "缺列.xlsx"));
        assertEquals("FAILED", done.getString("importJob.status"));
        assertTrue(done.getString("importJob.message").contains("单位类别"), done.getString("importJob.message"));
        assertEquals(0, done.getInt("importJob.importedRows"), "nothing written");
        Files.deleteIfExists(file);
    }
}
