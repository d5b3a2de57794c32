package org.wangge.units;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The units of a grid subtree (实有单位): how many, by kind and by risk tag, and how many are due for an inspection")
public class UnitFigures {
    @NonNull
    public int total;
    @NonNull
    public List<@NonNull KindCount> byKind;
    @NonNull
    @Description("Units with each risk tag (a unit with two tags counts under both)")
    public List<@NonNull TagCount> byRiskTag;
    @NonNull
    @Description("Units with a risk tag not inspected within its interval")
    public int inspectionsDue;

    @Description("Units of one kind")
    public static class KindCount {
        @NonNull
        public UnitKind kind;
        @NonNull
        public int count;

        public KindCount() {
        }

        KindCount(UnitKind kind, int count) {
            this.kind = kind;
            this.count = count;
        }
    }

    @Description("Units with one risk tag")
    public static class TagCount {
        @NonNull
        public RiskTag riskTag;
        @NonNull
        public int count;

        public TagCount() {
        }

        TagCount(RiskTag riskTag, int count) {
            this.riskTag = riskTag;
            this.count = count;
        }
    }

    static UnitFigures of(List<Map.Entry<String, Integer>> kinds, List<TagCount> tags, int due) {
        Map<String, Integer> counts = kinds.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        UnitFigures f = new UnitFigures();
        f.byKind = Arrays.stream(UnitKind.values()).map(k -> new KindCount(k, counts.getOrDefault(k.name(), 0))).toList();
        f.total = f.byKind.stream().mapToInt(k -> k.count).sum();
        f.byRiskTag = tags;
        f.inspectionsDue = due;
        return f;
    }
}
