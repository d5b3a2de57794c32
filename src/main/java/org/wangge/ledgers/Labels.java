package org.wangge.ledgers;

import java.util.Map;

/** The Chinese a printed ledger shows for the codes the graph gives in English. */
final class Labels {

    static final Map<String, String> STATE = Map.of("REPORTED", "填单", "ACCEPTED", "立案", "REJECTED", "不予立案", "WITHDRAWN", "撤回",
            "DISPATCHED", "交办", "IN_PROGRESS", "接单", "RESOLVED", "解单", "VERIFIED", "核查", "CLOSED", "办结", "PARKED", "挂账");
    static final Map<String, String> PRIORITY = Map.of("URGENT", "特急", "HIGH", "紧急", "NORMAL", "一般", "LOW", "较低");
    static final Map<String, String> COLOUR = Map.of("RED", "红", "YELLOW", "黄", "GREEN", "绿");
    static final Map<String, String> SOURCE = Map.of("PATROL", "网格员巡查", "SNAPSHOT", "随手拍", "RESIDENT", "群众上报", "HOTLINE", "热线",
            "WECHAT_GROUP", "微信群", "CAMERA", "雪亮工程", "INSPECTION", "检查发现");
    static final Map<String, String> ACTION = Map.ofEntries(Map.entry("REPORT", "上报"), Map.entry("WITHDRAW", "撤回"),
            Map.entry("ACCEPT", "立案"), Map.entry("REJECT", "不予立案"), Map.entry("DISPATCH", "调度交办"), Map.entry("TAKE", "接单"),
            Map.entry("RESOLVE", "解单"), Map.entry("VERIFY", "核查通过"), Map.entry("REWORK", "返工"), Map.entry("CLOSE", "办结"),
            Map.entry("ESCALATE", "上报上级"), Map.entry("HAND_OVER", "移交"), Map.entry("RATE", "评单"),
            Map.entry("REQUEST_EXTENSION", "申请延期"), Map.entry("APPROVE_EXTENSION", "批准延期"), Map.entry("REFUSE_EXTENSION", "不予延期"),
            Map.entry("REQUEST_PARK", "申请挂账"), Map.entry("APPROVE_PARK", "批准挂账"), Map.entry("REFUSE_PARK", "不予挂账"),
            Map.entry("UNPARK", "解除挂账"), Map.entry("OVERDUE", "超期"));
    static final Map<String, String> UNIT_KIND = Map.of("ENTERPRISE", "企业", "SHOP", "商铺", "RESTAURANT", "餐饮", "SCHOOL", "学校",
            "HOSPITAL", "医院诊所", "RELIGIOUS_VENUE", "宗教活动场所", "SOCIAL_ORGANISATION", "社会组织", "PUBLIC_INSTITUTION", "机关事业单位",
            "OTHER", "其他");
    static final Map<String, String> POINTS_REASON = Map.of("VERIFIED_REPORT", "有效上报", "VOLUNTEERING", "志愿服务", "PATROL", "巡逻",
            "GOOD_DEED", "好人好事", "REDEMPTION", "兑换", "REFUND", "退还", "EXPIRY", "过期", "CORRECTION", "更正");

    private Labels() {
    }

    /** The label of a code, or the code itself where none is known (a new one shows rather than vanishes). */
    static String of(Map<String, String> labels, String code) {
        return code == null ? null : labels.getOrDefault(code, code);
    }
}
