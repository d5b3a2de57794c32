package org.wangge.units;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What the unit and inspection mutations take. */
public final class UnitInputs {

    private UnitInputs() {
    }

    @Input("UnitInput")
    @Description("A unit as registered or changed: every field is written (a change gives them all)")
    public static class UnitData {
        @NonNull
        @Id
        @Description("Its standard address")
        public String addressId;
        @NonNull
        public String name;
        @Description("统一社会信用代码: 18 characters with a valid check character (GB 32100); unique")
        public String creditCode;
        @NonNull
        public UnitKind kind;
        @Id
        @Description("法定代表人 / 负责人: a resident you may see")
        public String legalRepresentativeId;
        @Id
        @Description("联系人: a resident you may see")
        public String contactId;
        public Integer employees;
        public String openingHours;
        @Description("Risk tag codes (see unitRiskTags)")
        public List<@NonNull String> riskTags;
    }

    @Input("InspectionInput")
    @Description("An inspection as recorded on site: the items that failed are its findings; every other item passed")
    public static class InspectionData {
        @NonNull
        @Id
        public String unitId;
        @NonNull
        @Description("The checklist gone through (see inspectionChecklists)")
        public String checklist;
        @Description("When it happened, for one recorded later (offline); now when not given")
        public OffsetDateTime occurredAt;
        public String notes;
        public List<@NonNull FindingData> findings;
    }

    @Input("FindingInput")
    @Description("A failed checklist item")
    public static class FindingData {
        @NonNull
        @Description("The checklist item's code")
        public String item;
        public String description;
    }
}
