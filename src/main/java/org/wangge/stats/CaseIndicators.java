package org.wangge.stats;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Case figures of a grid subtree (or a department) for cases reported in a period (Asia/Shanghai dates)")
public class CaseIndicators {
    @NonNull
    public LocalDate from;
    @NonNull
    @Description("Last day included")
    public LocalDate to;
    @NonNull
    public int reported;
    @NonNull
    @Description("Reported cases that were accepted (立案)")
    public int accepted;
    @NonNull
    public int closed;
    @NonNull
    @Description("Open cases past their deadline now")
    public int overdue;
    @NonNull
    @Description("缓办数: parked now")
    public int parked;
    @Description("结案率: closed ÷ (accepted − parked)")
    public Double resolutionRate;
    @Description("Closed by their deadline ÷ closed")
    public Double onTimeRate;
    @Description("按期结案率: closed by their deadline ÷ (accepted − parked)")
    public Double onTimeClosureRate;
    @Description("Closed after at least one rework ÷ closed")
    public Double reworkRate;
    @NonNull
    @Description("延期数: cases whose deadline was extended at least once")
    public int extended;
    @Description("延期率: extended ÷ accepted")
    public Double extensionRate;
    @NonNull
    @Description("Each stage against its time limit: 按时受理, 按时派遣, 按期处置, 按时核查 (cases whose stage ended, and on time)")
    public List<@NonNull StageFigure> stages;
    @Description("Hours from report to closure, mean")
    public Double averageHandlingHours;
    @Description("Hours from report to closure, 90th percentile")
    public Double p90HandlingHours;
    public Double averageRating;
    @NonNull
    public List<@NonNull Count> byKind;
    @NonNull
    public List<@NonNull Count> byState;
    @NonNull
    public List<@NonNull Count> byPriority;
    @NonNull
    public List<@NonNull Count> byRiskColour;
    @NonNull
    public List<@NonNull Count> bySource;
    @NonNull
    public List<@NonNull Bucket> trend;

    @org.eclipse.microprofile.graphql.Description("A count of cases by a key (a kind, a state, a priority, a risk colour or a source)")
    public static class Count {
        @NonNull
        public String key;
        @NonNull
        public int total;
    }

    @Description("A stage's figures for the period's cases")
    public static class StageFigure {
        @NonNull
        public org.wangge.cases.catalogue.Stage stage;
        @NonNull
        @Description("Cases whose stage ended (for handling: resolved; the latest resolution counts after a rework) under a time limit")
        public int ended;
        @NonNull
        @Description("Of those, ended by the stage's deadline")
        public int onTime;
        @Description("onTime ÷ ended")
        public Double onTimeRate;
    }

    @Description("Reported and closed cases per day, week or month")
    public static class Bucket {
        @NonNull
        @Description("First day of the bucket")
        public LocalDate start;
        @NonNull
        public int reported;
        @NonNull
        public int closed;
    }

    @org.eclipse.microprofile.graphql.Description("The size of a trend bucket")
    public enum Granularity { DAY, WEEK, MONTH }
}
