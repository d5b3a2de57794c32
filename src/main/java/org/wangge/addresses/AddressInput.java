package org.wangge.addresses;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.grid.GeoPoint;

@Input("AddressInput")
@Description("A new address: a place in a leaf grid, or a building, unit or room of an address")
public class AddressInput {
    @NonNull
    public AddressKind kind;
    @NonNull
    @Description("This level's own name: 幸福小区, 3栋, 2单元, 502")
    public String name;
    @Id
    @Description("The address it is part of (none for a place)")
    public String parentId;
    @Id
    @Description("The grid it lies in: required for a place; a building or unit may lie in another micro-grid than its parent, a room never")
    public String gridId;
    @Description("Unique, beginning with the county's six-digit code; made when not given")
    public String code;
    public GeoPoint location;
}
