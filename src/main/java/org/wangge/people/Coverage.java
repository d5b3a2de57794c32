package org.wangge.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Who lives in a grid subtree and who serves them")
public class Coverage {
    @NonNull
    public int households;
    @NonNull
    public int residents;
    @NonNull
    public int registered;
    @NonNull
    public int permanent;
    @NonNull
    public int floating;
    @NonNull
    @Description("Distinct grid workers currently assigned in the subtree")
    public int gridWorkers;
    @Description("Households per grid worker; null without workers")
    public Double householdsPerGridWorker;
    @NonNull
    public List<@NonNull CareCount> careGroups;
    @org.eclipse.microprofile.graphql.Ignore
    public String rootPath;

    @org.eclipse.microprofile.graphql.Description("Residents in a care group")
    public static class CareCount {
        @NonNull
        public String category;
        @NonNull
        public int count;
    }

    static Coverage from(Row row) {
        Coverage c = new Coverage();
        c.households = row.getLong("households").intValue();
        c.residents = row.getLong("residents").intValue();
        c.registered = row.getLong("registered").intValue();
        c.permanent = row.getLong("permanent").intValue();
        c.floating = row.getLong("floating").intValue();
        c.gridWorkers = row.getLong("workers").intValue();
        c.householdsPerGridWorker = c.gridWorkers == 0 ? null : (double) c.households / c.gridWorkers;
        c.careGroups = new ArrayList<>();
        for (Object o : new JsonArray(row.getString("care"))) {
            JsonObject j = (JsonObject) o;
            CareCount cc = new CareCount();
            cc.category = j.getString("code");
            cc.count = j.getInteger("count");
            c.careGroups.add(cc);
        }
        return c;
    }
}
