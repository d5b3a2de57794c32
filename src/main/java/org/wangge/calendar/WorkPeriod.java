package org.wangge.calendar;

import java.time.LocalTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WorkPeriod")
@Input("WorkPeriodInput")
@Description("Working hours within a working day, in Asia/Shanghai time, e.g. 09:00–12:00")
public class WorkPeriod {
    @NonNull
    public LocalTime starts;
    @NonNull
    public LocalTime ends;
}
