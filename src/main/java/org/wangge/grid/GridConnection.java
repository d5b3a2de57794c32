package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.PageInfo;

public class GridConnection {

    /** Children are ordered by code, descendant searches by tree order (path). */
    enum Order { CODE, PATH }

    @NonNull
    public List<@NonNull GridEdge> edges;
    @NonNull
    public PageInfo pageInfo;
    @Ignore
    public Supplier<Uni<Integer>> totalCount;

    public static class GridEdge {
        @NonNull
        public String cursor;
        @NonNull
        public Grid node;

        GridEdge(String cursor, Grid node) {
            this.cursor = cursor;
            this.node = node;
        }
    }

    static GridConnection of(Page<Grid> page, Order order, Supplier<Uni<Integer>> totalCount) {
        GridConnection c = new GridConnection();
        c.edges = page.edges(g -> cursor(order, g), GridEdge::new);
        c.pageInfo = page.pageInfo(g -> cursor(order, g));
        c.totalCount = totalCount;
        return c;
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
