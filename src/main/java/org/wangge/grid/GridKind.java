package org.wangge.grid;

import org.eclipse.microprofile.graphql.Description;

@Description("What a grid is on the ground. Depth is data: any kind may sit at any level.")
public enum GridKind {
    @Description("省") PROVINCE,
    @Description("市") CITY,
    @Description("县 / 区") COUNTY,
    @Description("乡镇") TOWNSHIP,
    @Description("街道") STREET,
    @Description("行政村") VILLAGE,
    @Description("社区") COMMUNITY,
    @Description("自然村") NATURAL_VILLAGE,
    @Description("村民小组 / 居民小组") GROUP,
    @Description("联防组") JOINT_DEFENCE_GROUP,
    @Description("微网格") MICRO_GRID,
    @Description("楼栋") BUILDING,
    @Description("其他") OTHER
}
