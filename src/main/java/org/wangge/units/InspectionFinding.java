package org.wangge.units;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("A finding (隐患): a checklist item a unit failed at an inspection. Open until put right on the spot or its case ends.")
public class InspectionFinding implements Node, Visible {

    static final String COLUMNS = "f.id, f.inspection_id, f.item_code, f.description, f.case_id, f.resolved_at, f.resolved_by, f.resolution, "
            + "fi.unit_id, fu.grid_path, "
            + "f.resolved_at IS NULL AND (f.case_id IS NULL OR fc.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN')) AS open";
    static final String FROM = " FROM inspection_finding f JOIN inspection fi ON fi.id = f.inspection_id JOIN unit fu ON fu.id = fi.unit_id"
            + " LEFT JOIN case_file fc ON fc.id = f.case_id";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    public String description;
    @NonNull
    @Description("Not yet put right: neither resolved on the spot nor its case closed, rejected or withdrawn")
    public boolean open;
    @Description("When it was put right on the spot (整改完成), without a case")
    public OffsetDateTime resolvedAt;
    public String resolution;

    @Ignore
    public long dbId;
    @Ignore
    public long inspectionId;
    @Ignore
    public long unitId;
    @Ignore
    public String itemCode;
    @Ignore
    public Long caseId;
    @Ignore
    public String gridPath;

    /** As its unit. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static InspectionFinding from(Row row) {
        InspectionFinding f = new InspectionFinding();
        f.dbId = row.getLong("id");
        f.id = NodeType.INSPECTION_FINDING.id(f.dbId);
        f.inspectionId = row.getLong("inspection_id");
        f.unitId = row.getLong("unit_id");
        f.itemCode = row.getString("item_code");
        f.description = row.getString("description");
        f.caseId = row.getLong("case_id");
        f.resolvedAt = row.getOffsetDateTime("resolved_at");
        f.resolution = row.getString("resolution");
        f.open = row.getBoolean("open");
        f.gridPath = row.getString("grid_path");
        return f;
    }
}
