package org.wangge.people.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;

/** A shifted column must not put an ID number or a phone into the error list: cells are masked in every message. */
@QuarkusTest
class ImportErrorMaskingTest {

    @Test
    void idNumbersAndPhonesInTheWrongColumnAreMaskedInTheErrors() throws Exception {
        County c = County.of(getClass());
        String chief = c.chief.token();
        String group = c.group1.code();
        String id = RosterSamples.residentId(LocalDate.of(1980, 5, 6), 720_001, true);
        String other = RosterSamples.residentId(LocalDate.of(1979, 3, 4), 720_002, true);
        String phone = "13912345678";
        String header = String.join(",", RosterSamples.HEADER);
        // 网格编码,地址,楼栋,单元,房号,姓名,与户主关系,证件类型,证件号码,性别,出生日期,联系电话,民族,人口类型,迁入日期,来源地
        String csv = header + "\n"
                // the ID number in the birth-date column
                + group + ",东关村 9 号,,,,王伟,户主,居民身份证," + other + ",男," + id + ",,汉,户籍,,\n"
                // the ID number in the name column, the name in the ID column
                + group + ",东关村 9 号,,,,"  + id + ",配偶,居民身份证,王芳,女,1981-01-01,,汉,户籍,,\n"
                // a phone in the population-type column, and one as the grid code
                + group + ",东关村 9 号,,,,李娜,子女,居民身份证," + id + ",男,1980-05-06,,汉," + phone + ",,\n"
                + phone + ",东关村 9 号,,,,李强,子女,居民身份证," + id + ",男,1980-05-06,,汉,户籍,,\n";
        Path file = Files.createTempFile("roster-shifted", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        String job = RosterImportTest.upload(chief, file, "shifted.csv");
        assertEquals("SUCCEEDED", RosterImportTest.awaitJob(chief, job).getString("importJob.status"));

        List<Map<String, Object>> errors = Gql.withToken(chief).ok(RosterImportTest.JOB_ERRORS, "id", job, "first", 50)
                .getList("importJob.errors.edges.node");
        assertEquals(4, errors.size(), errors.toString());
        for (Map<String, Object> e : errors) {
            String message = (String) e.get("message");
            assertFalse(message.contains(id) || message.contains(id.substring(0, 17)) || message.contains(phone), message);
            assertFalse(message.matches(".*\\d{7,}.*"), message);
        }
        Map<Object, Object> byLine = new java.util.HashMap<>();
        errors.forEach(e -> byLine.put(e.get("line"), e.get("column") + ": " + e.get("message")));
        assertTrue(((String) byLine.get(2)).contains(org.wangge.people.PersonalData.maskIdNumber(org.wangge.people.IdType.RESIDENT_ID, id)),
                byLine.toString());
        assertTrue(((String) byLine.get(4)).contains(org.wangge.people.PersonalData.maskPhone(phone)), byLine.toString());
        assertTrue(((String) byLine.get(5)).contains(org.wangge.people.PersonalData.maskPhone(phone)), byLine.toString());
    }
}
