package org.wangge.calendar;

import org.eclipse.microprofile.graphql.Description;

@Description("How a time limit is counted")
public enum LimitUnit {
    @Description("Calendar minutes") MINUTES,
    @Description("Calendar hours") HOURS,
    @Description("工作小时: hours within the working hours of working days") WORKING_HOURS,
    @Description("工作日: to the close of the Nth working day after the start's day (the start's day does not count)") WORKING_DAYS;

    public boolean working() {
        return this == WORKING_HOURS || this == WORKING_DAYS;
    }
}
