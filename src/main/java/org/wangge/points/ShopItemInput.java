package org.wangge.points;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ShopItemInput")
@Description("A catalogue item; on update, fields left out stay as they are")
public class ShopItemInput {
    public String name;
    public String pictureUrl;
    public Integer price;
    public Integer stock;
    public Integer perPersonLimit;
    public LimitPeriod limitPeriod;
    public OffsetDateTime activeFrom;
    public OffsetDateTime activeTo;
    public Boolean active;
}
