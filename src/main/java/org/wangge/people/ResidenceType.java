package org.wangge.people;

import org.eclipse.microprofile.graphql.Description;

@org.eclipse.microprofile.graphql.Description("How a resident lives in the grid (户籍, 流动, …)")
public enum ResidenceType {
    @Description("户籍人口") REGISTERED,
    @Description("常住人口") PERMANENT,
    @Description("流动人口: with move-in / move-out dates and origin") FLOATING
}
