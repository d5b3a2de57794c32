package org.wangge.houses;

import org.eclipse.microprofile.graphql.Description;

@Description("What a house is used for (房屋用途)")
public enum HouseUse {
    @Description("自住") SELF_OCCUPIED,
    @Description("出租: its tenancies say who lives there") RENTED,
    @Description("空置") VACANT,
    @Description("经营") BUSINESS,
    @Description("混合: lived in and run as a business") MIXED
}
