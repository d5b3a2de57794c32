package org.wangge.cases;

import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;

/**
 * The transition table of the closed loop: for each action, the states it starts from, the
 * state it leads to (null: unchanged) and who may take it. Nothing else moves a case.
 */
@Description("A step on a case's timeline")
public enum CaseAction {
    @Description("填单") REPORT(EnumSet.noneOf(CaseState.class), CaseState.REPORTED, Actor.ANYONE),
    @Description("撤回") WITHDRAW(EnumSet.of(CaseState.REPORTED), CaseState.WITHDRAWN, Actor.REPORTER),
    @Description("立案") ACCEPT(EnumSet.of(CaseState.REPORTED), CaseState.ACCEPTED, Actor.TIER_LEAD),
    @Description("不予立案") REJECT(EnumSet.of(CaseState.REPORTED), CaseState.REJECTED, Actor.TIER_LEAD),
    @Description("调度交办") DISPATCH(EnumSet.of(CaseState.ACCEPTED), CaseState.DISPATCHED, Actor.TIER_LEAD),
    @Description("接单") TAKE(EnumSet.of(CaseState.DISPATCHED), CaseState.IN_PROGRESS, Actor.HANDLER),
    @Description("解单") RESOLVE(EnumSet.of(CaseState.IN_PROGRESS), CaseState.RESOLVED, Actor.HANDLER),
    @Description("核查通过") VERIFY(EnumSet.of(CaseState.RESOLVED), CaseState.VERIFIED, Actor.VERIFIER),
    @Description("返工") REWORK(EnumSet.of(CaseState.RESOLVED), CaseState.IN_PROGRESS, Actor.VERIFIER),
    @Description("办结") CLOSE(EnumSet.of(CaseState.VERIFIED), CaseState.CLOSED, Actor.TIER_LEAD),
    @Description("上报: to the parent grid's tier") ESCALATE(EnumSet.of(CaseState.ACCEPTED, CaseState.DISPATCHED, CaseState.IN_PROGRESS),
            CaseState.ACCEPTED, Actor.HANDLER_OR_TIER_LEAD),
    @Description("移交 (首问负责): a new owner") HAND_OVER(EnumSet.of(CaseState.REPORTED, CaseState.ACCEPTED, CaseState.DISPATCHED,
            CaseState.IN_PROGRESS, CaseState.RESOLVED, CaseState.VERIFIED), null, Actor.OWNER_OR_TIER_LEAD),
    @Description("评单") RATE(EnumSet.of(CaseState.CLOSED), null, Actor.REPORTER),
    @Description("超期: recorded once by the deadline job") OVERDUE(EnumSet.noneOf(CaseState.class), null, Actor.SYSTEM);

    /** Who may take an action, checked against the case. */
    enum Actor {
        ANYONE,
        REPORTER,
        /** A commander or grid chief whose jurisdiction covers the case's current tier grid. */
        TIER_LEAD,
        /** The staff member or a member of the department the case is dispatched to. */
        HANDLER,
        HANDLER_OR_TIER_LEAD,
        /** Staff covering the case's grid, other than the handler (核查 is independent). */
        VERIFIER,
        OWNER_OR_TIER_LEAD,
        SYSTEM
    }

    final Set<CaseState> from;
    final CaseState to;
    final Actor actor;

    CaseAction(Set<CaseState> from, CaseState to, Actor actor) {
        this.from = from;
        this.to = to;
        this.actor = actor;
    }
}
