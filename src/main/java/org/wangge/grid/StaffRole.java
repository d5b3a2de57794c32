package org.wangge.grid;

import org.eclipse.microprofile.graphql.Description;

@Description("What a person does on a grid (定格、定人、定责)")
public enum StaffRole {
    @Description("网格指挥长 / 一级网格长") GRID_COMMANDER,
    @Description("网格长: one per grid at a time") GRID_CHIEF,
    @Description("网格指导员") GRID_INSTRUCTOR,
    @Description("网格员") GRID_WORKER,
    @Description("信息员") INFORMATION_REPORTER,
    @Description("楼栋长") BUILDING_CHIEF,
    @Description("联户长 / 中心户长") JOINT_HOUSEHOLD_CHIEF,
    @Description("社区民警") COMMUNITY_POLICE,
    @Description("法律顾问") LEGAL_ADVISER;

    /** Roles a grid chief may appoint inside their own grids; the rest need a commander or admin. */
    public boolean appointableByGridChief() {
        return this == GRID_WORKER || this == INFORMATION_REPORTER || this == BUILDING_CHIEF
                || this == JOINT_HOUSEHOLD_CHIEF;
    }
}
