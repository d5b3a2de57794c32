package org.wangge.points;

@org.eclipse.microprofile.graphql.Description("The period an item's per-person limit counts over")
public enum LimitPeriod {
    DAY, WEEK, MONTH, YEAR
}
