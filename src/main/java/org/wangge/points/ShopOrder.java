package org.wangge.points;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A redemption: PLACED, then FULFILLED (handed over) or CANCELLED (points refunded, stock back)")
public class ShopOrder implements org.wangge.security.Visible, org.wangge.common.Node {
    static final String COLUMNS = "o.id, o.shop_id, o.item_id, i.name AS item_name, o.subject, o.quantity, o.points, o.state, o.created_at, o.decided_by, o.decided_at, "
            + "(SELECT g.path FROM shop s JOIN grid g ON g.id = s.grid_id WHERE s.id = o.shop_id) AS shop_path";

    @org.eclipse.microprofile.graphql.Name("OrderState")
    @org.eclipse.microprofile.graphql.Description("Where a shop order stands: placed, then handed over or cancelled")
    public enum State { PLACED, FULFILLED, CANCELLED }

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @org.eclipse.microprofile.graphql.Ignore
    public long dbId;

    @Id
    @NonNull
    public String shopId;
    @Id
    @NonNull
    public String itemId;
    @NonNull
    public String itemName;
    @NonNull
    public String subject;
    @NonNull
    public int quantity;
    @NonNull
    public int points;
    @NonNull
    public State state;
    @NonNull
    public OffsetDateTime createdAt;
    public String decidedBy;
    public OffsetDateTime decidedAt;

    @org.eclipse.microprofile.graphql.Ignore
    public String shopPath;

    /** Its buyer, and staff who serve the shop's grid. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.subject().equals(subject) || caller.may(org.wangge.security.Capability.SHOP_SERVE, shopPath);
    }

    static ShopOrder from(Row row) {
        ShopOrder o = new ShopOrder();
        o.dbId = row.getLong("id");
        o.id = NodeType.SHOP_ORDER.id(o.dbId);
        o.shopId = NodeType.SHOP.id(row.getLong("shop_id"));
        o.itemId = NodeType.SHOP_ITEM.id(row.getLong("item_id"));
        o.itemName = row.getString("item_name");
        o.subject = row.getString("subject");
        o.quantity = row.getInteger("quantity");
        o.points = row.getLong("points").intValue();
        o.state = State.valueOf(row.getString("state"));
        o.createdAt = row.getOffsetDateTime("created_at");
        o.decidedBy = row.getString("decided_by");
        o.decidedAt = row.getOffsetDateTime("decided_at");
        o.shopPath = row.getString("shop_path");
        return o;
    }
}
