package org.wangge.cases;

import org.eclipse.microprofile.graphql.Description;

@Description("How the case came in")
public enum CaseSource {
    @Description("网格员巡查") PATROL,
    @Description("随手拍") SNAPSHOT,
    @Description("群众小程序上报") RESIDENT,
    @Description("热线") HOTLINE,
    @Description("微信群") WECHAT_GROUP,
    @Description("雪亮工程 camera alert") CAMERA,
    @Description("检查发现: a finding of an inspection of a unit") INSPECTION
}
