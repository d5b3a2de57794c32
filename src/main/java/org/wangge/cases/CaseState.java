package org.wangge.cases;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a case stands in the closed loop")
public enum CaseState {
    @Description("填单: reported, waiting to be screened") REPORTED,
    @Description("立案: accepted, waiting to be dispatched at its tier") ACCEPTED,
    @Description("不予立案: invalid or a duplicate") REJECTED,
    @Description("撤回: withdrawn by the reporter before acceptance") WITHDRAWN,
    @Description("交办: dispatched to a staff member or a department") DISPATCHED,
    @Description("接单: the handler is working on it") IN_PROGRESS,
    @Description("解单: the handler reports it resolved") RESOLVED,
    @Description("核查: checked on site") VERIFIED,
    @Description("办结: closed") CLOSED;

    public boolean terminal() {
        return this == REJECTED || this == WITHDRAWN || this == CLOSED;
    }
}
