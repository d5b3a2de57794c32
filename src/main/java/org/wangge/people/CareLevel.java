package org.wangge.people;

import org.eclipse.microprofile.graphql.Description;

@Description("How closely a care case is followed")
public enum CareLevel {
    @Description("重点: visit most often") HIGH,
    @Description("关注") MEDIUM,
    @Description("一般") LOW
}
