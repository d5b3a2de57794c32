package org.wangge.points;

public enum LimitPeriod {
    DAY, WEEK, MONTH, YEAR
}
