package org.wangge.points;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("Goods in a points shop's catalogue")
public class ShopItem implements org.wangge.common.Node {
    static final String COLUMNS = "id, shop_id, name, picture_url, price, stock, per_person_limit, limit_period, active_from, active_to, active";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @Id
    @NonNull
    public String shopId;
    @NonNull
    public String name;
    public String pictureUrl;
    @NonNull
    @Description("Points per piece")
    public int price;
    @NonNull
    public int stock;
    @Description("Pieces one person may take per limitPeriod")
    public Integer perPersonLimit;
    public LimitPeriod limitPeriod;
    public OffsetDateTime activeFrom;
    public OffsetDateTime activeTo;
    @NonNull
    public boolean active;

    static ShopItem from(Row row) {
        ShopItem i = new ShopItem();
        i.id = NodeType.SHOP_ITEM.id(row.getLong("id"));
        i.shopId = NodeType.SHOP.id(row.getLong("shop_id"));
        i.name = row.getString("name");
        i.pictureUrl = row.getString("picture_url");
        i.price = row.getInteger("price");
        i.stock = row.getInteger("stock");
        i.perPersonLimit = row.getInteger("per_person_limit");
        String period = row.getString("limit_period");
        i.limitPeriod = period == null ? null : LimitPeriod.valueOf(period);
        i.activeFrom = row.getOffsetDateTime("active_from");
        i.activeTo = row.getOffsetDateTime("active_to");
        i.active = row.getBoolean("active");
        return i;
    }
}
