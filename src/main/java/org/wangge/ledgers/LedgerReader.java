package org.wangge.ledgers;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.wangge.cases.CaseFilter;
import org.wangge.cases.CaseReader;
import org.wangge.cases.CaseState;
import org.wangge.common.Clock;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;
import org.wangge.security.Caller;
import org.wangge.units.UnitKind;
import org.wangge.units.UnitReader;

/**
 * The ledgers' rows, each read with the rule of the type it shows (cases as the caller may see
 * them, the rest within a subtree the caller was checked for), personal data as masked as in
 * the graph, times in China Standard Time.
 */
@ApplicationScoped
public class LedgerReader {

    private static final String TIME = "'YYYY-MM-DD HH24:MI'";

    private final Sql sql;
    private final Clock clock;

    public LedgerReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** One moment for a whole export: every page of it is read in this snapshot. */
    Sql.Snapshot snapshot() {
        return sql.snapshot().await().indefinitely();
    }

    static String time(String column) {
        return "to_char(" + column + " AT TIME ZONE '" + Clock.ZONE_NAME + "', " + TIME + ")";
    }

    /** 案件台账: the cases of the subtree the caller may see, with the graph's case filter. */
    Sheet cases(Caller caller, org.wangge.grid.Subtree subtree, CaseFilter filter) {
        List<Object> args = new ArrayList<>();
        OffsetDateTime now = clock.now();
        String where = CaseReader.condition(caller, subtree, filter, now, args);
        args.add(now);
        String select = "SELECT c.id AS k1, 0::bigint AS k2, c.number, " + time("c.created_at") + ", ck.name_zh, ci.name_zh, c.title, g.name, c.source, "
                + "c.priority, c.state, c.risk_colour, " + time("c.due_at") + ", c.due_at < $" + args.size() + " AND c.state NOT IN ("
                + CaseState.NO_DEADLINE_SQL + "), " + time("c.closed_at") + ", c.rating"
                + " FROM case_file c JOIN grid g ON g.id = c.grid_id LEFT JOIN case_kind ck ON ck.code = c.kind_code"
                + " LEFT JOIN case_item ci ON ci.code = c.item_code WHERE " + where;
        return sheet(Ledger.cases, List.of("案件编号", "上报时间", "大类", "小类", "标题", "网格", "来源", "优先级", "状态", "风险等级", "办理期限",
                "是否超期", "办结时间", "满意度"), select, "c.id", "0::bigint", args,
                Arrays.asList(null, null, null, null, null, null, Labels.SOURCE, Labels.PRIORITY, Labels.STATE, Labels.COLOUR, null, null, null, null));
    }

    /** 三色风险台账: the disputes among those cases, red first, with how long each has run and its last action. */
    Sheet risks(Caller caller, org.wangge.grid.Subtree subtree, CaseFilter filter) {
        List<Object> args = new ArrayList<>();
        OffsetDateTime now = clock.now();
        String where = CaseReader.condition(caller, subtree, filter, now, args) + " AND c.risk_colour IS NOT NULL";
        args.add(now);
        String rank = "CASE c.risk_colour WHEN 'RED' THEN 1 WHEN 'YELLOW' THEN 2 ELSE 3 END";
        String select = "SELECT " + rank + " AS k1, c.id AS k2, c.risk_colour, c.number, c.title, g.name, " + time("c.created_at")
                + ", extract(day FROM coalesce(c.closed_at, $" + args.size() + ") - c.created_at)::int, c.state, e.action, "
                + time("e.at") + ", e.note"
                + " FROM case_file c JOIN grid g ON g.id = c.grid_id"
                + " LEFT JOIN LATERAL (SELECT ce.action, ce.at, ce.note FROM case_event ce WHERE ce.county_code = c.county_code AND ce.case_id = c.id ORDER BY ce.id DESC LIMIT 1) e"
                + " ON true WHERE " + where;
        return sheet(Ledger.risks, List.of("风险等级", "案件编号", "纠纷事由", "网格", "上报时间", "已持续天数", "状态", "最近处置", "最近处置时间",
                "处置说明"), select, rank, "c.id", args,
                Arrays.asList(Labels.COLOUR, null, null, null, null, null, Labels.STATE, Labels.ACTION, null, null));
    }

    /** 走访台账: the home visits of the subtree (the caller reads its visit notes), visited from/to. */
    Sheet visits(String gridPath, OffsetDateTime from, OffsetDateTime to) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(Subtrees.condition(List.of(gridPath), "g.path", args, true));
        range(where, args, "v.visited_at", from, to);
        String select = "SELECT v.id AS k1, 0::bigint AS k2, " + time("v.visited_at") + ", g.name, h.address, p.name, acc.display_name, v.notes, v.findings, "
                + time("v.created_at")
                + " FROM visit v JOIN household h ON h.id = v.household_id JOIN grid g ON g.id = h.grid_id"
                + " JOIN account acc ON acc.subject = v.visitor_subject LEFT JOIN person p ON p.id = v.person_id WHERE " + where;
        return sheet(Ledger.visits, List.of("走访时间", "网格", "住户地址", "走访对象", "走访人", "走访记录", "发现问题", "录入时间"), select, "v.id", "0::bigint",
                args, null);
    }

    /** 单位检查台账: the units of the subtree (of a kind, with a tag, as given), a row for each inspection (one for a unit never inspected). */
    Sheet units(Caller caller, String gridPath, List<UnitKind> kinds, String riskTag) {
        List<Object> args = new ArrayList<>();
        // a contact is shown as the graph shows a resident: where the caller reads the residents of their grid
        List<String> readable = caller.paths(org.wangge.security.Capability.RESIDENTS_READ);
        String legalShown = readable == null ? "true" : Subtrees.condition(readable, "lg.path", args, true);
        String contactShown = readable == null ? "true" : Subtrees.condition(readable, "cg.path", args, true);
        StringBuilder where = new StringBuilder(Subtrees.condition(List.of(gridPath), "u.grid_path", args, true));
        if (kinds != null) {
            args.add(kinds.stream().map(Enum::name).toArray(String[]::new));
            where.append(" AND u.kind = ANY($").append(args.size()).append(")");
        }
        if (riskTag != null) {
            args.add(riskTag);
            where.append(" AND EXISTS (SELECT 1 FROM unit_risk ur WHERE ur.unit_id = u.id AND ur.tag_code = $").append(args.size()).append(")");
        }
        String select = "SELECT u.id AS k1, coalesce(i.id, 0) AS k2, u.name, u.credit_code, u.kind, "
                + "concat_ws('', a4.name, a3.name, a2.name, a.name), g.name, "
                + "(SELECT string_agg(rt.name_zh, '、' ORDER BY rt.sort_order) FROM unit_risk ur JOIN unit_risk_tag rt ON rt.code = ur.tag_code"
                + " WHERE ur.unit_id = u.id), CASE WHEN " + legalShown + " THEN lp.name END, CASE WHEN " + contactShown + " THEN cp.name END, "
                + "CASE WHEN " + contactShown + " THEN cp.phone_mask END, u.employees, "
                + "(SELECT " + time("min(nd.due)") + " FROM (" + UnitReader.NEXT_DUE + ") nd), "
                + time("i.inspected_at") + ", l.name_zh, iacc.display_name, "
                + "CASE WHEN i.id IS NOT NULL THEN (SELECT count(*) FROM inspection_finding f WHERE f.inspection_id = i.id)::int END, "
                + "(SELECT string_agg(ci.name_zh || coalesce('：' || f.description, ''), '；' ORDER BY ci.sort_order) FROM inspection_finding f"
                + " JOIN inspection_check_item ci ON ci.code = f.item_code LEFT JOIN case_file fc ON fc.id = f.case_id WHERE f.inspection_id = i.id"
                + " AND f.resolved_at IS NULL AND (f.case_id IS NULL OR fc.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN'))), i.notes"
                + " FROM unit u JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id"
                + " LEFT JOIN address a2 ON a2.id = a.parent_id LEFT JOIN address a3 ON a3.id = a2.parent_id LEFT JOIN address a4 ON a4.id = a3.parent_id"
                + " LEFT JOIN person lp ON lp.id = u.legal_person_id LEFT JOIN household lh ON lh.id = lp.household_id"
                + " LEFT JOIN grid lg ON lg.id = lh.grid_id LEFT JOIN person cp ON cp.id = u.contact_person_id"
                + " LEFT JOIN household ch ON ch.id = cp.household_id LEFT JOIN grid cg ON cg.id = ch.grid_id"
                + " LEFT JOIN inspection i ON i.unit_id = u.id LEFT JOIN inspection_checklist l ON l.code = i.checklist_code"
                + " LEFT JOIN account iacc ON iacc.subject = i.inspector_subject WHERE " + where;
        return sheet(Ledger.units, List.of("单位名称", "统一社会信用代码", "单位类别", "地址", "网格", "风险标签", "法定代表人", "联系人", "联系电话",
                "从业人员", "下次检查期限", "检查时间", "检查表", "检查人", "发现隐患数", "未整改隐患", "检查记录"), select, "u.id", "coalesce(i.id, 0)",
                args, Arrays.asList(null, null, Labels.UNIT_KIND, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    /** 积分台账: points entries (an admin's: everyone's, or one subject's; anyone else's: their own), from/to. */
    Sheet points(Caller caller, String subject, OffsetDateTime from, OffsetDateTime to) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        String only = caller.isAdmin() ? subject : caller.subject();
        if (only != null) {
            args.add(only);
            where.append(" AND e.subject = $").append(args.size());
        }
        range(where, args, "e.created_at", from, to);
        String select = "SELECT e.id AS k1, 0::bigint AS k2, " + time("e.created_at") + ", coalesce(acc.display_name, e.subject), e.reason, e.amount, "
                + "e.balance_after, c.number, e.note FROM points_entry e LEFT JOIN account acc ON acc.subject = e.subject"
                + " LEFT JOIN case_file c ON c.id = e.case_id WHERE " + where;
        return sheet(Ledger.points, List.of("时间", "账户", "事由", "积分变动", "变动后余额", "关联案件", "说明"), select, "e.id", "0::bigint", args,
                Arrays.asList(null, null, Labels.POINTS_REASON, null, null, null, null));
    }

    /** The export audit log, newest first (of one actor when given), and its total. */
    public io.smallrye.mutiny.Uni<LedgerExportConnection> exports(String actor, int first, String after) {
        String where = actor == null ? "true" : "e.actor_subject = $1";
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            args.add(actor);
        }
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(LedgerExportConnection.before(after));
        args.add(first + 1);
        return sql.list("SELECT " + LedgerExport.COLUMNS + " FROM ledger_export e WHERE " + where + " AND e.id < $" + (args.size() - 1)
                + " ORDER BY e.id DESC LIMIT $" + args.size(), Tuple.from(args), LedgerExport::from)
                .chain(rows -> sql.one("SELECT count(*) FROM ledger_export e WHERE " + where, countArgs, r -> r.getLong(0).intValue())
                        .map(total -> new LedgerExportConnection(org.wangge.common.Page.of(rows, first, after), total)));
    }

    public io.smallrye.mutiny.Uni<LedgerExport> export(long id) {
        return sql.one("SELECT " + LedgerExport.COLUMNS + " FROM ledger_export e WHERE e.id = $1", Tuple.of(id), LedgerExport::from);
    }

    private static void range(StringBuilder where, List<Object> args, String column, OffsetDateTime from, OffsetDateTime to) {
        if (from != null) {
            args.add(from);
            where.append(" AND ").append(column).append(" >= $").append(args.size());
        }
        if (to != null) {
            args.add(to);
            where.append(" AND ").append(column).append(" < $").append(args.size());
        }
    }

    /**
     * A sheet read in pages of {@code select} (which selects its key as k1, k2 and then its cells,
     * and ends in its WHERE) after each page's last key; cells shown through their column's labels.
     */
    private Sheet sheet(Ledger ledger, List<String> headers, String select, String key1, String key2, List<Object> args,
            List<Map<String, String>> labels) {
        String page = select + " AND (" + key1 + ", " + key2 + ") > ($" + (args.size() + 1) + ", $" + (args.size() + 2) + ") ORDER BY "
                + key1 + ", " + key2 + " LIMIT $" + (args.size() + 3);
        return new Sheet(ledger.title, headers, (read, k1, k2, limit) -> {
            List<Object> all = new ArrayList<>(args);
            all.add(k1);
            all.add(k2);
            all.add(limit);
            return read.list(page, Tuple.from(all), row -> line(row, headers.size(), labels));
        });
    }

    private static Sheet.Line line(Row row, int cells, List<Map<String, String>> labels) {
        List<Object> out = new ArrayList<>(cells);
        for (int i = 0; i < cells; i++) {
            Object value = row.getValue(i + 2);
            if (value instanceof Boolean b) {
                value = b ? "是" : "否";
            } else if (value instanceof String s && labels != null && labels.get(i) != null) {
                value = Labels.of(labels.get(i), s);
            }
            out.add(value);
        }
        return new Sheet.Line(((Number) row.getValue(0)).longValue(), ((Number) row.getValue(1)).longValue(), out);
    }
}
