package org.wangge.points;

import org.eclipse.microprofile.graphql.Description;

@Description("What a manual award is for")
public enum AwardKind {
    @Description("志愿服务") VOLUNTEERING,
    @Description("巡逻") PATROL,
    @Description("好人好事") GOOD_DEED
}
