package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A care group (关爱/重点人群) from the catalogue")
public class CareCategory {
    @NonNull
    public String code;
    @NonNull
    public String nameZh;
    @NonNull
    public String nameEn;
    @NonNull
    public boolean active;

    static CareCategory from(Row row) {
        return from(row.getString("code"), row);
    }

    static CareCategory from(String code, Row row) {
        CareCategory c = new CareCategory();
        c.code = code;
        c.nameZh = row.getString("name_zh");
        c.nameEn = row.getString("name_en");
        c.active = row.getBoolean("active");
        return c;
    }
}
