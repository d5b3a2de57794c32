package org.wangge.calendar;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A year's schedule of holidays and make-up working days, as loaded; a year not loaded counts Monday to Friday only")
public class WorkCalendar {
    @NonNull
    public int year;
    @NonNull
    @Description("Whether an admin loaded this year's schedule")
    public boolean loaded;
    @Description("Where the schedule comes from, e.g. the State Council's notice")
    public String source;
    public OffsetDateTime loadedAt;
    @NonNull
    @Description("The days that differ from Monday-to-Friday, in date order")
    public List<@NonNull WorkDay> days;
    @NonNull
    @Description("Working days in the year")
    public int workingDays;
}
