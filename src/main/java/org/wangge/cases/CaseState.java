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
    @Description("办结: closed") CLOSED,
    @Description("挂账/缓办: parked with a lead's approval; no deadline runs until it is taken up again") PARKED;

    /** The states in which no deadline runs, as SQL: a case in them is never overdue. */
    public static final String NO_DEADLINE_SQL = "'CLOSED', 'REJECTED', 'WITHDRAWN', 'PARKED'";

    /** The others, as SQL: {@code state IN (…)} of these finds open cases through an index on state, as NOT IN cannot. */
    public static final String DEADLINE_SQL = java.util.Arrays.stream(values()).map(s -> "'" + s.name() + "'")
            .filter(s -> !NO_DEADLINE_SQL.contains(s)).collect(java.util.stream.Collectors.joining(", "));

    public boolean terminal() {
        return this == REJECTED || this == WITHDRAWN || this == CLOSED;
    }

    /** Whether its deadline runs: open and not parked. */
    public boolean deadlineRuns() {
        return !terminal() && this != PARKED;
    }
}
