package org.wangge.calendar;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TimeLimit")
@Input("TimeLimitInput")
@Description("A time limit (时限): an amount of calendar or working time")
public class TimeLimit {
    @NonNull
    public int amount;
    @NonNull
    public LimitUnit unit;

    public TimeLimit() {
    }

    public TimeLimit(int amount, LimitUnit unit) {
        this.amount = amount;
        this.unit = unit;
    }

    /**
     * The largest amount of each unit: about seven years of working time at most (the reckoning
     * looks ten calendar years ahead).
     */
    public static int max(LimitUnit unit) {
        return switch (unit) {
            case MINUTES, HOURS -> 10_000;
            case WORKING_HOURS -> 2_000;
            case WORKING_DAYS -> 1_000;
        };
    }

    /** Null when the amount is within 1 and its unit's maximum, else what is wrong. */
    public String problem() {
        return amount >= 1 && amount <= max(unit) ? null : "A limit in " + unit + " is from 1 to " + max(unit);
    }

    /** As a centre writes it in its catalogue: 30分钟, 4小时, 4工作小时, 7工作日. */
    @Override
    public String toString() {
        return amount + switch (unit) {
            case MINUTES -> "分钟";
            case HOURS -> "小时";
            case WORKING_HOURS -> "工作小时";
            case WORKING_DAYS -> "工作日";
        };
    }
}
