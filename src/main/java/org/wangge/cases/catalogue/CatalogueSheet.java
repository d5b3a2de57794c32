package org.wangge.cases.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wangge.calendar.LimitUnit;
import org.wangge.calendar.TimeLimit;
import org.wangge.cases.Priority;
import org.wangge.people.roster.RosterFile;

/**
 * A centre's catalogue as it keeps it in a spreadsheet (XLSX or CSV, as rosters are read), read
 * and checked whole before anything is written. One row per 小类, and one per 大类 with the
 * 小类代码 left empty (its name and its own limits). A limit cell is empty, one limit for any
 * priority ("7工作日"), or limits per priority ("紧急:2小时;一般:3工作日").
 */
public final class CatalogueSheet {

    static final String CLASS_CODE = "大类代码";
    static final String CLASS_NAME = "大类名称";
    static final String SUB_CODE = "小类代码";
    static final String SUB_NAME = "小类名称";
    static final String ACCEPT_STANDARD = "立案标准";
    static final String CLOSE_STANDARD = "结案标准";
    static final String DEPARTMENT_KIND = "责任部门";
    /** Optional: the code clients send (a new 大类 or 小类 without one gets K + its digits). */
    static final String CODE = "编码";
    static final String NAME_EN = "英文名称";
    static final List<String> REQUIRED = List.of(CLASS_CODE, CLASS_NAME, SUB_CODE, SUB_NAME, ACCEPT_STANDARD, CLOSE_STANDARD, DEPARTMENT_KIND,
            Stage.ACCEPT.column(), Stage.DISPATCH.column(), Stage.HANDLE.column(), Stage.VERIFY.column());

    public record Kind(int line, String classCode, String name, String code, String nameEn, List<StageLimit> limits) {
    }

    public record Item(int line, String classCode, String subCode, String name, String code, String acceptStandard, String closeStandard,
            String departmentKind, List<StageLimit> limits) {
    }

    public record Problem(int line, String column, String message) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", line);
            if (column != null) {
                m.put("column", column);
            }
            m.put("message", message);
            return m;
        }
    }

    private static final Pattern TWO_DIGITS = Pattern.compile("[0-9]{2}");
    private static final Pattern CODE_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern LIMIT = Pattern.compile("(\\d{1,5})\\s*(分钟|小时|工作小时|工作时|工作日|天)");
    private static final Map<String, Priority> PRIORITIES = Map.of("紧急", Priority.URGENT, "较急", Priority.HIGH, "一般", Priority.NORMAL,
            "较缓", Priority.LOW, "URGENT", Priority.URGENT, "HIGH", Priority.HIGH, "NORMAL", Priority.NORMAL, "LOW", Priority.LOW);
    static final int MAX_ROWS = 5_000;
    static final int MAX_PROBLEMS = 200;

    public final List<Kind> kinds = new ArrayList<>();
    public final List<Item> items = new ArrayList<>();
    public final List<Problem> problems = new ArrayList<>();

    private Map<String, Integer> columns = Map.of();
    private final Map<String, String> classNames = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> codes = new HashSet<>();
    private int rows;

    private CatalogueSheet() {
    }

    public static CatalogueSheet read(Path file, RosterFile.Format format) throws IOException {
        CatalogueSheet sheet = new CatalogueSheet();
        RosterFile.read(file, format, sheet::header, sheet::row);
        sheet.finish();
        return sheet;
    }

    private void header(List<String> header) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            at.putIfAbsent(header.get(i) == null ? "" : header.get(i).strip(), i);
        }
        for (String column : REQUIRED) {
            if (!at.containsKey(column)) {
                problem(1, column, "The column " + column + " is missing");
            }
        }
        columns = at;
    }

    private String cell(List<String> cells, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= cells.size() || cells.get(i) == null) {
            return null;
        }
        String v = cells.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private void row(RosterFile.RawRow raw) {
        if (!problems.isEmpty() && problems.get(0).line() == 1 || raw.cells().stream().allMatch(c -> c == null || c.isBlank())) {
            return; // no columns to read by, or an empty row
        }
        if (++rows > MAX_ROWS) {
            if (rows == MAX_ROWS + 1) {
                problem(raw.line(), null, "A catalogue has at most " + MAX_ROWS + " rows");
            }
            return;
        }
        int line = raw.line();
        List<String> c = raw.cells();
        String classCode = cell(c, CLASS_CODE);
        String subCode = cell(c, SUB_CODE);
        String className = cell(c, CLASS_NAME);
        if (classCode == null || !TWO_DIGITS.matcher(classCode).matches()) {
            problem(line, CLASS_CODE, "Two digits, e.g. 01");
            return;
        }
        if (subCode != null && !TWO_DIGITS.matcher(subCode).matches()) {
            problem(line, SUB_CODE, "Two digits, e.g. 01, or empty for the 大类's own row");
            return;
        }
        if (!seen.add(classCode + "/" + (subCode == null ? "" : subCode))) {
            problem(line, SUB_CODE, subCode == null ? "大类 " + classCode + " has two rows of its own" : "小类 " + classCode + subCode + " is given twice");
            return;
        }
        if (className != null) {
            String earlier = classNames.putIfAbsent(classCode, className);
            if (earlier != null && !earlier.equals(className)) {
                problem(line, CLASS_NAME, "大类 " + classCode + " is named " + earlier + " on an earlier row");
            }
        }
        String code = cell(c, CODE);
        if (code != null && !CODE_TEXT.matcher(code).matches()) {
            problem(line, CODE, "Letters, digits and _ (starting with a letter), at most 40");
            code = null;
        }
        if (code != null && !codes.add((subCode == null ? "kind/" : "item/") + code)) {
            problem(line, CODE, code + " is given to two rows");
        }
        List<StageLimit> limits = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            limits.addAll(limits(line, stage, cell(c, stage.column())));
        }
        if (subCode == null) {
            String name = text(line, CLASS_NAME, className, 60, true);
            Set<Priority> handled = EnumSet.noneOf(Priority.class);
            boolean any = false;
            for (StageLimit l : limits) {
                if (l.stage == Stage.HANDLE) {
                    any |= l.priority == null;
                    if (l.priority != null) {
                        handled.add(l.priority);
                    }
                }
            }
            if (!any && handled.size() < Priority.values().length) {
                problem(line, Stage.HANDLE.column(), "A 大类 needs a handling limit for every priority (one for any, or one for each)");
            }
            kinds.add(new Kind(line, classCode, name, code, text(line, NAME_EN, cell(c, NAME_EN), 80, false), limits));
        } else {
            items.add(new Item(line, classCode, subCode, text(line, SUB_NAME, cell(c, SUB_NAME), 100, true), code,
                    text(line, ACCEPT_STANDARD, cell(c, ACCEPT_STANDARD), 1000, false), text(line, CLOSE_STANDARD, cell(c, CLOSE_STANDARD), 1000, false),
                    text(line, DEPARTMENT_KIND, cell(c, DEPARTMENT_KIND), 40, false), limits));
        }
    }

    private void finish() {
        if (!problems.isEmpty() && problems.get(0).line() == 1) {
            return;
        }
        Set<String> withOwnRow = new HashSet<>();
        kinds.forEach(k -> withOwnRow.add(k.classCode()));
        for (Item item : items) {
            if (!withOwnRow.contains(item.classCode())) {
                problem(item.line(), CLASS_CODE, "大类 " + item.classCode() + " has no row of its own (小类代码 empty) with its name and limits");
            }
        }
        if (kinds.isEmpty() && problems.isEmpty()) {
            problem(1, null, "The sheet holds no 大类");
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line)); // in the sheet's order, as a clerk fixes them
    }

    private List<StageLimit> limits(int line, Stage stage, String cell) {
        List<StageLimit> out = new ArrayList<>();
        if (cell == null) {
            return out;
        }
        Set<Priority> given = new HashSet<>();
        boolean anyGiven = false;
        for (String part : cell.split("[;；,，\\n]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Priority priority = null;
            int colon = Math.max(p.indexOf(':'), p.indexOf('：'));
            if (colon >= 0) {
                priority = PRIORITIES.get(p.substring(0, colon).strip());
                if (priority == null) {
                    problem(line, stage.column(), "Unknown priority " + p.substring(0, colon).strip() + " (紧急, 较急, 一般, 较缓)");
                    continue;
                }
                p = p.substring(colon + 1).strip();
            }
            Matcher m = LIMIT.matcher(p);
            if (!m.matches()) {
                problem(line, stage.column(), "Not a time limit: " + p + " (e.g. 30分钟, 4小时, 4工作小时, 7工作日)");
                continue;
            }
            int amount = Integer.parseInt(m.group(1));
            LimitUnit unit = switch (m.group(2)) {
                case "分钟" -> LimitUnit.MINUTES;
                case "小时" -> LimitUnit.HOURS;
                case "工作小时", "工作时" -> LimitUnit.WORKING_HOURS;
                case "工作日" -> LimitUnit.WORKING_DAYS;
                default -> {
                    amount *= 24; // calendar days
                    yield LimitUnit.HOURS;
                }
            };
            TimeLimit limit = new TimeLimit(amount, unit);
            if (limit.problem() != null) {
                problem(line, stage.column(), limit.problem() + ": " + p);
                continue;
            }
            if (priority == null ? anyGiven : !given.add(priority)) {
                problem(line, stage.column(), "Given twice for " + (priority == null ? "any priority" : priority));
                continue;
            }
            anyGiven |= priority == null;
            out.add(new StageLimit(stage, priority, limit));
        }
        return out;
    }

    private String text(int line, String column, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                problem(line, column, "Required");
            }
            return null;
        }
        if (value.length() > max) {
            problem(line, column, "At most " + max + " characters");
            return null;
        }
        return value;
    }

    private void problem(int line, String column, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(line, column, message));
        }
    }
}
