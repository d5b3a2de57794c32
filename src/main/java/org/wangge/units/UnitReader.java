package org.wangge.units;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.wangge.common.Batch;
import org.wangge.common.Clock;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;

@ApplicationScoped
public class UnitReader {

    /**
     * When each of a unit's risk tags next wants an inspection: its checklist's last inspection
     * of the unit (or, never inspected, the unit's registration) plus the tag's interval. Over
     * {@code u}, one row per tag.
     */
    public static final String NEXT_DUE = """
            SELECT coalesce((SELECT max(di.inspected_at) FROM inspection di WHERE di.unit_id = u.id AND di.checklist_code = rt.checklist_code),
                            u.created_at) + make_interval(days => rt.inspect_every_days) AS due
            FROM unit_risk ur JOIN unit_risk_tag rt ON rt.code = ur.tag_code WHERE ur.unit_id = u.id""";

    /** A unit with a risk tag not inspected within its interval (the moment as {@code %s}). */
    static final String DUE = "EXISTS (SELECT 1 FROM (" + NEXT_DUE + ") nd WHERE nd.due <= %s::timestamptz)";

    private final Sql sql;
    private final Clock clock;

    public UnitReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public Uni<Unit> byId(long id) {
        return sql.one("SELECT " + Unit.COLUMNS + Unit.FROM + " WHERE u.id = $1", Tuple.of(id), Unit::from);
    }

    public Uni<Unit> byCreditCode(String code) {
        return sql.one("SELECT " + Unit.COLUMNS + Unit.FROM + " WHERE u.credit_code = $1", Tuple.of(code), Unit::from);
    }

    public Uni<Map<Long, Unit>> byIds(Collection<Long> ids) {
        return sql.list("SELECT " + Unit.COLUMNS + Unit.FROM + " WHERE u.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)), Unit::from)
                .map(list -> Batch.index(list, u -> u.dbId));
    }

    /** For each grid, a page of the units in its subtree by id (of a kind, with a tag, due for an inspection, as given) and totals. */
    public Uni<List<UnitConnection>> inSubtrees(List<String> paths, UnitKind kind, String riskTag, Boolean due, int first, String after) {
        List<Subtrees.Where> wheres = new ArrayList<>();
        if (kind != null) {
            wheres.add(new Subtrees.Where("u.kind = %s", kind.name()));
        }
        if (riskTag != null) {
            wheres.add(new Subtrees.Where("EXISTS (SELECT 1 FROM unit_risk ur WHERE ur.unit_id = u.id AND ur.tag_code = %s)", riskTag));
        }
        if (due != null) {
            wheres.add(new Subtrees.Where((due ? "" : "NOT ") + DUE, clock.now()));
        }
        return Subtrees.pages(sql, Unit.LISTING, paths, wheres, first, UnitConnection.after(after), Unit::from)
                .map(each -> each.stream().map(p -> new UnitConnection(Page.of(p.rows(), first, after), p.total())).toList());
    }

    /** Each unit's next inspection due (the earliest over its risk tags), by id; none without a tag. */
    public Uni<Map<Long, OffsetDateTime>> nextDue(Collection<Long> units) {
        return sql.list("SELECT u.id, (SELECT min(nd.due) FROM (" + NEXT_DUE + ") nd) AS due FROM unit u WHERE u.id = ANY($1)",
                Tuple.of((Object) units.toArray(Long[]::new)), row -> Map.entry(row.getLong("id"), java.util.Optional.ofNullable(
                        row.getOffsetDateTime("due"))))
                .map(list -> {
                    Map<Long, OffsetDateTime> due = new java.util.HashMap<>();
                    list.forEach(e -> e.getValue().ifPresent(d -> due.put(e.getKey(), d)));
                    return due;
                });
    }

    public Uni<List<RiskTag>> riskTags() {
        return sql.list("SELECT " + RiskTag.COLUMNS + " FROM unit_risk_tag t ORDER BY t.sort_order, t.code", Tuple.tuple(), RiskTag::from);
    }

    /** A subtree's units by kind and by risk tag (zero included), and how many are due for an inspection. */
    public Uni<UnitFigures> figures(String path) {
        Tuple bounds = Tuple.of(path, Subtrees.end(path));
        Uni<List<Map.Entry<String, Integer>>> byKind = sql.list("SELECT u.kind, count(*) AS n" + Unit.FROM
                + " WHERE u.grid_path >= $1 AND u.grid_path < $2 GROUP BY u.kind", bounds, row -> Map.entry(row.getString("kind"), row.getLong("n").intValue()));
        Uni<List<UnitFigures.TagCount>> byTag = sql.list("SELECT " + RiskTag.COLUMNS + ", (SELECT count(*) FROM unit_risk ur JOIN unit u ON u.id = ur.unit_id"
                + " WHERE ur.tag_code = t.code AND u.grid_path >= $1 AND u.grid_path < $2) AS n FROM unit_risk_tag t ORDER BY t.sort_order, t.code", bounds,
                row -> new UnitFigures.TagCount(RiskTag.from(row), row.getLong("n").intValue()));
        Uni<Integer> due = sql.one("SELECT count(*)" + Unit.FROM + " WHERE u.grid_path >= $1 AND u.grid_path < $2 AND " + DUE.formatted("$3"),
                Tuple.of(path, Subtrees.end(path), clock.now()), row -> row.getLong(0).intValue());
        return byKind.chain(kinds -> byTag.chain(tags -> due.map(n -> UnitFigures.of(kinds, tags, n))));
    }
}
