package org.wangge.addresses;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.wangge.common.Batch;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;

@ApplicationScoped
public class AddressReader {

    private final Sql sql;

    public AddressReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<Address> byId(long id) {
        return sql.one("SELECT " + Address.COLUMNS + Address.FROM + " WHERE a.id = $1", Tuple.of(id), Address::from);
    }

    public Uni<Map<Long, Address>> byIds(Collection<Long> ids) {
        return sql.list("SELECT " + Address.COLUMNS + Address.FROM + " WHERE a.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)), Address::from)
                .map(list -> list.stream().collect(Collectors.toMap(a -> a.dbId, a -> a)));
    }

    /** Each address's children, by name. */
    public Uni<List<List<Address>>> children(List<Address> parents) {
        Long[] ids = parents.stream().map(a -> a.dbId).toArray(Long[]::new);
        return sql.list("SELECT " + Address.COLUMNS + Address.FROM + " WHERE a.parent_id = ANY($1) ORDER BY a.parent_id, a.name, a.id",
                Tuple.of(ids), Address::from).map(list -> Batch.group(parents, a -> a.dbId, list, a -> a.parentId));
    }

    /** The address each household is at (by household key). */
    public Uni<Map<Long, Address>> ofHouseholds(Collection<Long> households) {
        return sql.list("SELECT h.id AS household_id, " + Address.COLUMNS + Address.FROM + " JOIN household h ON h.address_id = a.id"
                + " WHERE h.id = ANY($1)", Tuple.of(households.toArray(Long[]::new)),
                row -> Map.entry(row.getLong("household_id"), Address.from(row)))
                .map(list -> list.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** For each grid, a page of the addresses in its subtree (of one kind when given), by id, and their totals. */
    public Uni<List<AddressConnection>> inSubtrees(List<String> paths, AddressKind kind, int first, String after) {
        List<Subtrees.Where> wheres = kind == null ? List.of() : List.of(new Subtrees.Where("a.kind = %s", kind.name()));
        return Subtrees.pages(sql, Address.LISTING, paths, wheres, first, AddressConnection.after(after), Address::from)
                .map(each -> each.stream().map(p -> new AddressConnection(Page.of(p.rows(), first, after), p.total())).toList());
    }
}
