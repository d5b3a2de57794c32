package org.wangge.addresses;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.NodeType;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/** Writes the address tree with statements (its rules are the database's: V34). */
@ApplicationScoped
public class AddressService {

    /** Where an address goes: its grid (with path and code) and its parent's grid and kind. */
    private static final String GRID = """
            SELECT g.id, g.path, g.code, g.retired_at IS NULL AS active,
                   NOT EXISTS (SELECT 1 FROM grid c WHERE c.parent_id = g.id AND c.retired_at IS NULL) AS leaf
            FROM grid g WHERE g.id = $1""";

    /** An address and everything in it, as {@code moved}. */
    private static final String SUBTREE = """
            WITH RECURSIVE moved AS (SELECT id FROM address WHERE id = $1
                                     UNION ALL SELECT c.id FROM address c JOIN moved m ON c.parent_id = m.id)
            """;

    public Uni<Long> create(Caller caller, AddressInput in) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        String name = Check.text("name", in.name, 300);
        Long parentId = in.parentId == null ? null : NodeType.ADDRESS.key("parentId", in.parentId);
        if ((in.kind == AddressKind.PLACE) != (parentId == null)) {
            throw ApiException.validation("parentId", in.kind == AddressKind.PLACE ? "A place is part of no other address"
                    : "A " + in.kind.name().toLowerCase() + " is part of an address: give parentId");
        }
        if (parentId == null && in.gridId == null) {
            throw ApiException.validation("gridId", "A place needs the grid it lies in");
        }
        String code = in.code == null ? null : Check.code("code", in.code.strip());
        return Tx.run(tx -> (parentId == null ? Uni.createFrom().item(NodeType.GRID.key("gridId", in.gridId))
                : tx.rows("SELECT grid_id FROM address WHERE id = $1", parentId).map(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Address", in.parentId).with("field", "parentId");
                    }
                    return in.gridId == null ? ((Number) found.get(0)[0]).longValue() : NodeType.GRID.key("gridId", in.gridId);
                }))
                .chain(gridId -> tx.rows(GRID, gridId).chain(grids -> {
                    if (grids.isEmpty()) {
                        throw ApiException.notFound("Grid", NodeType.GRID.id(gridId)).with("field", "gridId");
                    }
                    Object[] g = grids.get(0);
                    caller.require(Capability.RESIDENTS_WRITE, (String) g[1], NodeType.GRID.id(gridId));
                    if (!(Boolean) g[3] || !(Boolean) g[4]) {
                        throw ApiException.validation("gridId", "Addresses lie in active leaf grids");
                    }
                    if (code != null && !code.startsWith(((String) g[2]).substring(0, Math.min(6, ((String) g[2]).length())))) {
                        throw ApiException.validation("code", "An address code begins with its county's code " + ((String) g[2]).substring(0, 6));
                    }
                    return tx.one("""
                            INSERT INTO address (code, kind, name, parent_id, grid_id, lat, lng)
                            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""", Long.class, code, in.kind.name(), name, parentId, gridId,
                            in.location == null ? null : in.location.lat, in.location == null ? null : in.location.lng);
                })));
    }

    /**
     * Moves an address and everything in it to another leaf grid, with the households there,
     * recorded; a room goes with its unit (or building) only.
     */
    public Uni<Long> move(Caller caller, long id, long gridId, String reason) {
        caller.requireAnywhere(Capability.GRID_EDIT);
        String why = Check.text("reason", reason, 500);
        return Tx.run(tx -> tx.rows("""
                SELECT a.kind, a.grid_id, g.path, p.kind AS parent_kind FROM address a JOIN grid g ON g.id = a.grid_id
                LEFT JOIN address p ON p.id = a.parent_id WHERE a.id = $1 FOR UPDATE OF a""", id).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Address", NodeType.ADDRESS.id(id));
            }
            Object[] a = found.get(0);
            long from = ((Number) a[1]).longValue();
            caller.require(Capability.GRID_EDIT, (String) a[2], NodeType.GRID.id(from));
            if ("ROOM".equals(a[0]) && a[3] != null && !"PLACE".equals(a[3])) {
                throw ApiException.validation("id", "A room lies in its unit's grid: move the unit or building");
            }
            if (from == gridId) {
                return Uni.createFrom().item(id);
            }
            return tx.rows(GRID, gridId).chain(grids -> {
                if (grids.isEmpty()) {
                    throw ApiException.notFound("Grid", NodeType.GRID.id(gridId)).with("field", "gridId");
                }
                Object[] g = grids.get(0);
                caller.require(Capability.GRID_EDIT, (String) g[1], NodeType.GRID.id(gridId));
                if (!(Boolean) g[3] || !(Boolean) g[4]) {
                    throw ApiException.validation("gridId", "Addresses lie in active leaf grids");
                }
                // the households in a second statement: their trigger must see the addresses moved
                return tx.update(SUBTREE + "UPDATE address SET grid_id = $2, version = version + 1 WHERE id IN (SELECT id FROM moved)", id, gridId)
                        .chain(() -> tx.update(SUBTREE + """
                                , households AS (UPDATE household SET grid_id = $2, updated_at = now(), version = version + 1
                                                 WHERE address_id IN (SELECT id FROM moved) RETURNING id),
                                  closed AS (UPDATE household_grid_history SET valid_to = now()
                                             WHERE household_id IN (SELECT id FROM households) AND valid_to IS NULL)
                                INSERT INTO household_grid_history (household_id, grid_id, valid_from) SELECT id, $2, now() FROM households""",
                                id, gridId))
                        .chain(() -> tx.update("""
                                INSERT INTO address_grid_change (address_id, from_grid_id, to_grid_id, reason, changed_by)
                                VALUES ($1, $2, $3, $4, $5)""", id, from, gridId, why, caller.subject()))
                        .replaceWith(id);
            });
        }));
    }
}
