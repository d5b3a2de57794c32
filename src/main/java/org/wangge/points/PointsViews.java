package org.wangge.points;

import io.vertx.mutiny.sqlclient.Row;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.NodeType;

/** The read-side shapes of the points area. */
public final class PointsViews {

    private PointsViews() {
    }

    @Description("A person's points: the balance is always the sum of the ledger")
    public static class PointsAccount implements org.wangge.security.Visible {
        @NonNull
        public String subject;

        /** Its holder only (and admins). */
        @Override
        public boolean visibleTo(org.wangge.security.Caller caller) {
            return caller.isAdmin() || caller.subject().equals(subject);
        }

        @NonNull
        public int balance;
    }

    @Description("A points shop (积分超市) of a grid")
    public static class Shop implements org.wangge.common.Node {
        @Id
        @NonNull
        public String id;

        @Override
        @Id
        @NonNull
        public String getId() {
            return id;
        }

        @NonNull
        public String name;
        @Id
        @NonNull
        public String gridId;
        @NonNull
        public boolean active;
        @Description("Points earned in this shop's grids expire after this many years (null: never)")
        public Integer expiryYears;
        @Ignore
        public long dbId;

        static final String COLUMNS = "id, name, grid_id, active, expiry_years";

        static Shop from(Row row) {
            Shop s = new Shop();
            s.dbId = row.getLong("id");
            s.id = NodeType.SHOP.id(s.dbId);
            s.name = row.getString("name");
            s.gridId = NodeType.GRID.id(row.getLong("grid_id"));
            s.active = row.getBoolean("active");
            s.expiryYears = row.getInteger("expiry_years");
            return s;
        }
    }

    @Description("Points earned in a period (redemptions and refunds do not count)")
    public static class LeaderboardRow {
        @NonNull
        public int rank;
        @NonNull
        public String subject;
        public String displayName;
        @NonNull
        public int points;
    }

    @org.eclipse.microprofile.graphql.Description("A page of PointsEntry, with cursors (Relay connection)")
    public static class PointsEntryConnection extends Connection<PointsEntry, PointsEntryConnection.PointsEntryEdge> {

        @org.eclipse.microprofile.graphql.Type("PointsEntryEdge")
        @org.eclipse.microprofile.graphql.Description("A PointsEntry and its cursor")
        public static class PointsEntryEdge extends Connection.Edge<PointsEntry> {
            public PointsEntryEdge() {
            }

            PointsEntryEdge(String cursor, PointsEntry node) {
                super(cursor, node);
            }
        }

        PointsEntryConnection(Page<PointsEntry> page) {
            super(page, e -> Cursor.encode("pe", Long.toString(e.dbId)), PointsEntryEdge::new);
        }
    }

    @org.eclipse.microprofile.graphql.Description("A page of ShopOrder, with cursors (Relay connection)")
    public static class ShopOrderConnection extends Connection<ShopOrder, ShopOrderConnection.ShopOrderEdge> {

        @org.eclipse.microprofile.graphql.Type("ShopOrderEdge")
        @org.eclipse.microprofile.graphql.Description("A ShopOrder and its cursor")
        public static class ShopOrderEdge extends Connection.Edge<ShopOrder> {
            public ShopOrderEdge() {
            }

            ShopOrderEdge(String cursor, ShopOrder node) {
                super(cursor, node);
            }
        }

        ShopOrderConnection(Page<ShopOrder> page) {
            super(page, o -> Cursor.encode("so", Long.toString(o.dbId)), ShopOrderEdge::new);
        }
    }

}
