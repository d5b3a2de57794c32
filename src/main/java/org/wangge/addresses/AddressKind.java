package org.wangge.addresses;

import org.eclipse.microprofile.graphql.Description;

@Description("A level of the standard address tree (标准地址)")
public enum AddressKind {
    @Description("小区 or 门牌: a compound, or a street number")
    PLACE,
    @Description("楼栋: a building of a place")
    BUILDING,
    @Description("单元: a unit (staircase) of a building")
    UNIT,
    @Description("房号: a room, of a unit, a building or a place")
    ROOM
}
