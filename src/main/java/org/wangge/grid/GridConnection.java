package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

/** Grids; totalCount is resolved on demand (a subtree count is not free). */
@org.eclipse.microprofile.graphql.Description("A page of Grid, with cursors (Relay connection)")
public class GridConnection extends Connection<Grid, GridConnection.GridEdge> {

    @org.eclipse.microprofile.graphql.Type("GridEdge")
    @org.eclipse.microprofile.graphql.Description("A Grid and its cursor")
    public static class GridEdge extends Connection.Edge<Grid> {
        public GridEdge() {
        }

        GridEdge(String cursor, Grid node) {
            super(cursor, node);
        }
    }

    /** Children are ordered by code, descendant searches by tree order (path). */
    enum Order { CODE, PATH }

    @Ignore
    public Supplier<Uni<Integer>> totalCount;

    GridConnection(Page<Grid> page, Order order, Supplier<Uni<Integer>> totalCount) {
        super(page, g -> cursor(order, g), GridEdge::new);
        this.totalCount = totalCount;
    }

    static GridConnection of(Page<Grid> page, Order order, Supplier<Uni<Integer>> totalCount) {
        return new GridConnection(page, order, totalCount);
    }

    static GridConnection empty() {
        return of(new Page<>(List.of(), false, false), Order.CODE, () -> Uni.createFrom().item(0));
    }

    static String cursor(Order order, Grid g) {
        return order == Order.CODE ? Cursor.encode("gc", g.code) : Cursor.encode("gp", g.path);
    }

    static String after(Order order, String cursor) {
        return Cursor.decode(order == Order.CODE ? "gc" : "gp", cursor);
    }
}
