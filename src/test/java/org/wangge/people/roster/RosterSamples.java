package org.wangge.people.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Generates rosters like a grid office's: households of one to five residents with valid
 * resident IDs, and a known share of deliberately bad rows (each bad line is remembered).
 * Deterministic from the seed. {@code main} writes the sample shipped in samples/.
 */
public final class RosterSamples {

    static final List<String> HEADER = List.of("网格编码", "地址", "楼栋", "单元", "房号", "姓名", "与户主关系", "证件类型", "证件号码",
            "性别", "出生日期", "联系电话", "民族", "人口类型", "迁入日期", "来源地");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"};
    private static final String[] RELATIONS = {"配偶", "子女", "子女", "父母", "孙子女"};

    /** A generated roster: its rows, and the lines that must be refused with their column. */
    public record Roster(List<List<String>> rows, java.util.Map<Integer, String> badLines) {
        int validRows() {
            return rows.size() - badLines.size();
        }
    }

    private RosterSamples() {
    }

    /**
     * {@code residents} rows across the given grid codes; every {@code badEvery}-th row is
     * spoiled in one of several ways. {@code serialBase} keeps ID numbers apart between rosters.
     */
    public static Roster generate(long seed, int residents, List<String> gridCodes, int badEvery, int serialBase) {
        Random random = new Random(seed);
        List<List<String>> rows = new ArrayList<>();
        java.util.Map<Integer, String> bad = new java.util.LinkedHashMap<>();
        int serial = serialBase;
        int household = 0;
        while (rows.size() < residents) {
            household++;
            String grid = gridCodes.get(household % gridCodes.size());
            String address = "第" + (household / 50 + 1) + "组 " + household + " 号";
            int size = 1 + random.nextInt(5);
            for (int m = 0; m < size && rows.size() < residents; m++) {
                LocalDate birth = LocalDate.of(1940 + random.nextInt(80), 1 + random.nextInt(12), 1 + random.nextInt(28));
                boolean male = random.nextBoolean();
                serial++;
                String id = residentId(birth, serial, male);
                String phone = "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000));
                String type = random.nextInt(10) == 0 ? "流动" : "户籍";
                List<String> row = new ArrayList<>(List.of(grid, address, "", "", "", SURNAMES[random.nextInt(SURNAMES.length)]
                        + GIVEN[random.nextInt(GIVEN.length)], m == 0 ? "户主" : RELATIONS[random.nextInt(RELATIONS.length)],
                        "身份证", id, male ? "男" : "女", birth.toString(), phone, "汉族", type,
                        type.equals("流动") ? "2024-03-01" : "", type.equals("流动") ? "四川省" : ""));
                int line = rows.size() + 2;
                if (badEvery > 0 && (rows.size() + 1) % badEvery == 0) {
                    bad.put(line, spoil(row, rows.size() / badEvery));
                }
                rows.add(row);
            }
        }
        return new Roster(rows, bad);
    }

    /** Spoils one row in the n-th way; returns the heading of the column at fault. */
    private static String spoil(List<String> row, int n) {
        switch (n % 6) {
            case 0 -> {
                String id = row.get(8);
                char last = id.charAt(17) == '0' ? '1' : '0';
                row.set(8, id.substring(0, 17) + last);
                return "证件号码";
            }
            case 1 -> {
                row.set(5, "");
                return "姓名";
            }
            case 2 -> {
                row.set(0, "NO-SUCH-GRID");
                return "网格编码";
            }
            case 3 -> {
                row.set(13, "外星人");
                return "人口类型";
            }
            case 4 -> {
                row.set(11, "12345");
                return "联系电话";
            }
            default -> {
                row.set(9, row.get(9).equals("男") ? "女" : "男");
                return "性别";
            }
        }
    }

    static String residentId(LocalDate birth, int serial, boolean male) {
        int sequence = (serial % 500) * 2 + (male ? 1 : 0);
        String region = String.format("41%04d", 1000 + (serial / 500) % 9000);
        return org.wangge.TestIds.resident(region, birth, sequence);
    }

    public static void writeCsv(Roster roster, Path file) throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (List<String> row : roster.rows()) {
            out.append(String.join(",", row)).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    public static void writeXlsx(Roster roster, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); Workbook workbook = new Workbook(os, "wangge", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("名册");
            for (int c = 0; c < HEADER.size(); c++) {
                sheet.value(0, c, HEADER.get(c));
            }
            for (int r = 0; r < roster.rows().size(); r++) {
                List<String> row = roster.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    sheet.value(r + 1, c, row.get(c));
                }
            }
        }
    }

    /** Writes samples/roster-sample.csv: 300 residents of the demo county's 东关村, 2% bad rows. */
    public static void main(String[] args) throws IOException {
        Roster sample = generate(2026, 300, List.of("411321001001001", "411321001001002", "411321001001003"), 50, 100_000);
        Files.createDirectories(Path.of("samples"));
        writeCsv(sample, Path.of("samples", "roster-sample.csv"));
        System.out.println("bad lines: " + sample.badLines());
    }
}
