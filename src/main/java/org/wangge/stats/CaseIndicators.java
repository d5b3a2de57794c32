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

    public static class Count {
        @NonNull
        public String key;
        @NonNull
        public int count;
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

    public enum Granularity { DAY, WEEK, MONTH }
}
