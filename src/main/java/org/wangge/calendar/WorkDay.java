package org.wangge.calendar;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WorkCalendarDay")
@Input("WorkCalendarDayInput")
@Description("A day that differs from Monday-to-Friday: a holiday (working false) or a make-up working day (调休上班, working true)")
public class WorkDay {
    @NonNull
    public LocalDate day;
    @NonNull
    public boolean working;
    @NonNull
    @Description("e.g. 春节, 春节调休上班")
    public String name;
}
