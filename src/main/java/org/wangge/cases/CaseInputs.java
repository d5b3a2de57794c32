package org.wangge.cases;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.grid.GeoPoint;

/** Inputs of the case mutations. */
public final class CaseInputs {

    private CaseInputs() {
    }

    @Input("ReportCaseInput")
    @Description("填单. Give the grid, or a location to find the leaf grid that contains it.")
    public static class Report {
        @NonNull
        @Description("A case kind code (caseKinds)")
        public String kind;
        @Description("A check item code of that kind")
        public String item;
        @NonNull
        public String title;
        public String description;
        @Description("Defaults to NORMAL")
        public Priority priority;
        @Description("Disputes only (三色风险台账)")
        public RiskColour riskColour;
        @Description("Defaults by role: PATROL for staff, SNAPSHOT for reporters, RESIDENT for residents")
        public CaseSource source;
        @Id
        public String gridId;
        public GeoPoint location;
        @Description("Residents involved (staff only)")
        @Id
        public List<@NonNull String> personIds;
        @Description("Households involved (staff only)")
        @Id
        public List<@NonNull String> householdIds;
        @Description("When it happened, if it is reported later (offline); defaults to now. At most the offline window "
                + "(7 days unless configured) ago, never in the future")
        public java.time.OffsetDateTime occurredAt;
        @Description("The address as the reporter gives it, besides the grid or point (at most 500 characters)")
        public String address;
        @Description("A link (http or https) to a photo or video kept elsewhere")
        public String mediaUrl;
    }

    /** What a transition may carry; each action says which of these it needs. */
    public static class Step {
        public String note;
        public Priority priority;
        public RiskColour riskColour;
        public Long duplicateOf;
        public String toSubject;
        public Long toDepartmentId;
        public String result;
        public Integer rating;
        public java.time.OffsetDateTime dueAt;
    }
}
