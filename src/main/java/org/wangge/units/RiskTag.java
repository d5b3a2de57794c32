package org.wangge.units;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A risk tag (风险标签): what makes a unit one to inspect, against which checklist and how often")
public class RiskTag {
    @NonNull
    @Description("NINE_SMALL (九小场所), HAZARDOUS_CHEMICALS, CROWDED_PLACE, SPECIAL_TRADE…")
    public String code;
    @NonNull
    public String name;
    @NonNull
    @Description("A unit with the tag is due for an inspection this many days after its last one")
    public int inspectEveryDays;
    @Ignore
    public String checklistCode;

    static final String COLUMNS = "t.code, t.name_zh, t.inspect_every_days, t.checklist_code";

    static RiskTag from(Row row) {
        RiskTag t = new RiskTag();
        t.code = row.getString("code");
        t.name = row.getString("name_zh");
        t.inspectEveryDays = row.getInteger("inspect_every_days");
        t.checklistCode = row.getString("checklist_code");
        return t;
    }
}
