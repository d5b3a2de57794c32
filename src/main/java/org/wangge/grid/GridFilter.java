package org.wangge.grid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("GridFilter")
@Description("Filters for grid searches; all given conditions must hold")
public class GridFilter {
    public Integer level;
    public GridKind kind;
    public NetworkLayer layer;
    @Description("Grids whose name starts with this text")
    public String namePrefix;
    @Description("Grids whose code starts with this text")
    public String codePrefix;
    @Description("Include retired grids (default false)")
    public Boolean includeRetired;
}
