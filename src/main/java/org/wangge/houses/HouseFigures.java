package org.wangge.houses;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The houses of a grid subtree (实有房屋): how many, how many rented, by use")
public class HouseFigures {
    @NonNull
    public int total;
    @NonNull
    @Description("出租屋")
    public int rented;
    @NonNull
    public List<@NonNull UseCount> byUse;

    @Description("Houses of one use")
    public static class UseCount {
        @NonNull
        public HouseUse use;
        @NonNull
        public int count;

        public UseCount() {
        }

        UseCount(HouseUse use, int count) {
            this.use = use;
            this.count = count;
        }
    }

    static HouseFigures of(List<UseCount> byUse) {
        HouseFigures f = new HouseFigures();
        f.byUse = byUse;
        f.total = byUse.stream().mapToInt(u -> u.count).sum();
        f.rented = byUse.stream().filter(u -> u.use == HouseUse.RENTED).mapToInt(u -> u.count).sum();
        return f;
    }
}
