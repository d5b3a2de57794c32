package org.wangge.units;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A checklist inspectors go through at a unit (检查表); a failed item is a finding")
public class InspectionChecklist {
    @NonNull
    public String code;
    @NonNull
    public String name;
    @NonNull
    @Description("The case kind a finding opens")
    public String caseKind;
    @NonNull
    public List<@NonNull CheckItem> items;

    @Description("One thing to check")
    public static class CheckItem {
        @NonNull
        public String code;
        @NonNull
        public String name;
        @Description("The case's check item when a finding of it opens a case")
        public String caseItem;
    }
}
