package org.wangge.grid;

import org.eclipse.microprofile.graphql.Description;

@Description("The networks one grid carries at once (多网合一)")
public enum NetworkLayer {
    @Description("党建网") PARTY_BUILDING,
    @Description("综治网") COMPREHENSIVE_GOVERNANCE,
    @Description("警务网") POLICING,
    @Description("宗教治理网") RELIGIOUS_AFFAIRS,
    @Description("应急、三防") EMERGENCY
}
