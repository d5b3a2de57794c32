package org.wangge.houses;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.wangge.common.Batch;
import org.wangge.common.Clock;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;

@ApplicationScoped
public class HouseReader {

    private final Sql sql;
    private final Clock clock;

    public HouseReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public Uni<House> byId(long id) {
        return sql.one("SELECT " + House.COLUMNS + House.FROM + " WHERE ho.id = $1", Tuple.of(id), House::from);
    }

    public Uni<Map<Long, House>> byIds(Collection<Long> ids) {
        return sql.list("SELECT " + House.COLUMNS + House.FROM + " WHERE ho.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)), House::from)
                .map(list -> list.stream().collect(Collectors.toMap(h -> h.dbId, h -> h)));
    }

    public Uni<Tenancy> tenancy(long id) {
        return sql.one("SELECT " + Tenancy.COLUMNS + Tenancy.FROM + " WHERE t.id = $1", Tuple.of(id), Tenancy::from);
    }

    /** Each house's tenancies, newest first; those running today only when {@code current}. */
    public Uni<List<List<Tenancy>>> tenancies(List<House> houses, boolean current) {
        Long[] ids = houses.stream().map(h -> h.dbId).toArray(Long[]::new);
        String now = current ? " AND t.start_date <= $2 AND (t.end_date IS NULL OR t.end_date >= $2)" : "";
        return sql.list("SELECT " + Tenancy.COLUMNS + Tenancy.FROM + " WHERE t.house_id = ANY($1)" + now
                + " ORDER BY t.house_id, t.start_date DESC, t.id DESC", current ? Tuple.of(ids, clock.today()) : Tuple.of((Object) ids),
                Tenancy::from)
                .map(list -> Batch.group(houses, h -> h.dbId, list, t -> t.houseId));
    }

    /** The houses each resident owns or lives in (a tenancy of theirs or of their household), by id. */
    public Uni<List<List<House>>> ofPersons(List<Long> persons) {
        return sql.list("SELECT DISTINCT x.person, " + House.COLUMNS + House.FROM + " " + """
                 JOIN (SELECT p.id AS person, h.id AS house FROM unnest($1::bigint[]) p(id) JOIN house h ON h.owner_person_id = p.id
                       UNION SELECT t.person_id, t.house_id FROM tenancy t WHERE t.person_id = ANY($1)
                       UNION SELECT p.id, t.house_id FROM person p JOIN tenancy t ON t.household_id = p.household_id WHERE p.id = ANY($1)) x
                   ON x.house = ho.id ORDER BY x.person, ho.id""", Tuple.of((Object) persons.toArray(Long[]::new)),
                row -> Map.entry(row.getLong("person"), House.from(row)))
                .map(list -> Batch.group(persons, p -> p, list, Map.Entry::getKey).stream()
                        .map(each -> each.stream().map(Map.Entry::getValue).toList()).toList());
    }

    /** For each grid, a page of the houses in its subtree (of one use when given), by id, and their totals. */
    public Uni<List<HouseConnection>> inSubtrees(List<String> paths, HouseUse use, int first, String after) {
        List<Subtrees.Where> wheres = use == null ? List.of() : List.of(new Subtrees.Where("ho.use = %s", use.name()));
        return Subtrees.pages(sql, House.LISTING, paths, wheres, first, HouseConnection.after(after), House::from)
                .map(each -> each.stream().map(p -> new HouseConnection(Page.of(p.rows(), first, after), p.total())).toList());
    }

    /** The houses of a subtree by use (every use, zero included). */
    public Uni<List<HouseFigures.UseCount>> byUse(String path) {
        return sql.list("SELECT ho.use, count(*) AS n" + House.FROM + " WHERE ho.grid_path >= $1 AND ho.grid_path < $2 GROUP BY ho.use",
                Tuple.of(path, Subtrees.end(path)), row -> Map.entry(HouseUse.valueOf(row.getString("use")), row.getLong("n").intValue()))
                .map(rows -> {
                    Map<HouseUse, Integer> counts = rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                    return java.util.Arrays.stream(HouseUse.values()).map(u -> new HouseFigures.UseCount(u, counts.getOrDefault(u, 0))).toList();
                });
    }

    /**
     * 流动人口 to follow up in a subtree: floating residents whose last tenancy ended and who have
     * none running today, with that tenancy, newest end first.
     */
    public Uni<List<Tenancy>> followUps(String path, int limit) {
        return sql.list("SELECT " + Tenancy.COLUMNS + Tenancy.FROM + " " + """
                 JOIN person fp ON fp.id = t.person_id OR fp.household_id = t.household_id
                WHERE th.grid_path >= $1 AND th.grid_path < $2 AND fp.residence_type = 'FLOATING' AND t.end_date < $3
                  AND NOT EXISTS (SELECT 1 FROM tenancy o WHERE (o.person_id = fp.id OR o.household_id = fp.household_id)
                                  AND (o.end_date IS NULL OR o.end_date >= $3))
                  AND t.end_date = (SELECT max(l.end_date) FROM tenancy l WHERE l.person_id = fp.id OR l.household_id = fp.household_id)
                ORDER BY t.end_date DESC, t.id DESC LIMIT $4""", Tuple.of(path, Subtrees.end(path), clock.today(), limit), Tenancy::from)
                // a household's tenancy once, however many of its members float
                .map(list -> List.copyOf(list.stream().collect(Collectors.toMap(t -> t.dbId, t -> t, (a, b) -> a, java.util.LinkedHashMap::new)).values()));
    }
}
