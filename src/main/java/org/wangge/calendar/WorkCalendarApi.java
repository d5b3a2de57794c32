package org.wangge.calendar;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

/** The working-time calendar (工作日历): public to every signed-in caller, kept by an admin. */
@GraphQLApi
public class WorkCalendarApi {

    private final WorkCalendarReader reader;
    private final WorkCalendarService service;
    private final CurrentCaller currentCaller;

    public WorkCalendarApi(WorkCalendarReader reader, WorkCalendarService service, CurrentCaller currentCaller) {
        this.reader = reader;
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("A year's holidays and make-up working days (a year not loaded counts Monday to Friday only)")
    public Uni<@NonNull WorkCalendar> workCalendar(@NonNull int year) {
        currentCaller.get();
        if (year < 2000 || year > 2100) {
            throw ApiException.validation("year", "A year from 2000 to 2100");
        }
        return reader.year(year);
    }

    @Query
    @Description("The working hours of a working day")
    public Uni<@NonNull List<@NonNull WorkPeriod>> workingHours() {
        currentCaller.get();
        return reader.workingHours();
    }

    @Query
    @Description("When a time limit started at start runs out, reckoned as case deadlines are")
    public Uni<@NonNull OffsetDateTime> deadlineAfter(@NonNull OffsetDateTime start, @NonNull TimeLimit limit) {
        currentCaller.get();
        if (limit.problem() != null) {
            throw ApiException.validation("limit.amount", limit.problem());
        }
        return reader.deadline(start, limit);
    }

    @Mutation
    @Description("Load a year's schedule (admin): the holidays and make-up working days, replacing what was loaded for the year")
    public Uni<@NonNull WorkCalendar> loadWorkCalendar(@NonNull int year, @NonNull List<@NonNull WorkDay> days,
            @DefaultValue("") String source) {
        Caller caller = currentCaller.get();
        caller.requireAdmin("keeps the working-time calendar");
        return service.loadYear(caller, year, days, source).chain(() -> reader.year(year));
    }

    @Mutation("setWorkingHours")
    @Description("Set the working hours of a working day (admin)")
    public Uni<@NonNull List<@NonNull WorkPeriod>> setWorkingHours(@NonNull List<@NonNull WorkPeriod> periods) {
        currentCaller.get().requireAdmin("keeps the working-time calendar");
        return service.setWorkingHours(periods).chain(reader::workingHours);
    }
}
