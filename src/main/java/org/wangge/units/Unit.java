package org.wangge.units;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.grid.Subtrees;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("An actual unit (实有单位): a business or organisation at a standard address, with its risk tags and inspections")
public class Unit implements Node, Visible {

    static final String COLUMNS = "u.id, u.name, u.credit_code, u.kind, u.address_id, u.legal_person_id, u.contact_person_id, u.employees, "
            + "u.opening_hours, u.created_at, u.updated_at, u.version, u.grid_path, "
            + "ARRAY(SELECT ur.tag_code FROM unit_risk ur WHERE ur.unit_id = u.id ORDER BY ur.tag_code) AS risk_tags";
    static final String FROM = " FROM unit u";
    static final Subtrees.Listing LISTING = new Subtrees.Listing(COLUMNS, FROM.substring(" FROM ".length()), "u.grid_path", "u.id");

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String name;
    @Description("统一社会信用代码 (18 characters, GB 32100); null for a unit registered without one")
    public String creditCode;
    @NonNull
    public UnitKind kind;
    @Description("从业人员 (how many work there)")
    public Integer employees;
    @Description("营业时间, as the unit states it: 08:00-22:00")
    public String openingHours;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public OffsetDateTime updatedAt;
    @NonNull
    @Description("Give it back to updateUnit: a change made meanwhile is a CONFLICT")
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public long addressId;
    @Ignore
    public Long legalPersonId;
    @Ignore
    public Long contactPersonId;
    @Ignore
    public List<String> riskTagCodes;
    @Ignore
    public String gridPath;

    /** As people and addresses: those who read the residents of the grid it lies in (its contacts are residents). */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static Unit from(Row row) {
        Unit u = new Unit();
        u.dbId = row.getLong("id");
        u.id = NodeType.UNIT.id(u.dbId);
        u.name = row.getString("name");
        u.creditCode = row.getString("credit_code");
        u.kind = UnitKind.valueOf(row.getString("kind"));
        u.addressId = row.getLong("address_id");
        u.legalPersonId = row.getLong("legal_person_id");
        u.contactPersonId = row.getLong("contact_person_id");
        u.employees = row.getInteger("employees");
        u.openingHours = row.getString("opening_hours");
        u.createdAt = row.getOffsetDateTime("created_at");
        u.updatedAt = row.getOffsetDateTime("updated_at");
        u.version = row.getInteger("version");
        u.gridPath = row.getString("grid_path");
        u.riskTagCodes = List.of(row.getArrayOfStrings("risk_tags"));
        return u;
    }
}
