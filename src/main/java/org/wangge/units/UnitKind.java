package org.wangge.units;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of organisation or business a unit is (单位类别)")
public enum UnitKind {
    @Description("企业") ENTERPRISE,
    @Description("商铺、个体工商户") SHOP,
    @Description("餐饮") RESTAURANT,
    @Description("学校、幼儿园") SCHOOL,
    @Description("医院、诊所") HOSPITAL,
    @Description("宗教活动场所") RELIGIOUS_VENUE,
    @Description("社会组织") SOCIAL_ORGANISATION,
    @Description("机关、事业单位") PUBLIC_INSTITUTION,
    @Description("其他") OTHER
}
