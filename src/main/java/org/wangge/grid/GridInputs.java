package org.wangge.grid;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** Inputs of the grid mutations. */
public final class GridInputs {

    private GridInputs() {
    }

    @org.eclipse.microprofile.graphql.Description("A new grid under its parent")
    @Input("CreateGridInput")
    public static class CreateGrid {
        @NonNull
        public String code;
        @NonNull
        public String name;
        @NonNull
        public GridKind kind;
        @Id
        @Description("The parent grid; only an admin may create a top-level grid")
        public String parentId;
        public List<@NonNull NetworkLayer> layers;
        @Description("GeoJSON Polygon or MultiPolygon")
        public String boundary;
        public GeoPoint centre;
    }

    @Input("UpdateGridInput")
    @Description("Fields left out stay as they are")
    public static class UpdateGrid {
        public String code;
        public String name;
        public GridKind kind;
        public List<@NonNull NetworkLayer> layers;
        @Description("GeoJSON Polygon or MultiPolygon; an empty string removes it")
        public String boundary;
        public GeoPoint centre;
        @Description("The version read; the update is refused with CONFLICT if the grid changed since")
        public Integer version;
    }

    @org.eclipse.microprofile.graphql.Description("An appointment of a staff member to a grid")
    @Input("AssignStaffInput")
    public static class AssignStaff {
        @Id
        @NonNull
        public String gridId;
        @NonNull
        @Description("OIDC subject of the person")
        public String subject;
        @Description("Name shown for the person; required the first time a subject is assigned (an existing account keeps its name)")
        public String displayName;
        @Description("The building a building chief (楼栋长) answers for; required for that role, refused for others")
        public String building;
        @NonNull
        public StaffRole role;
        @Description("Defaults to today")
        public java.time.LocalDate startDate;
        public java.time.LocalDate endDate;
    }
}
