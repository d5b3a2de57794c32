package org.wangge.cases;

import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.wangge.common.ApiException;
import org.wangge.common.ErrorCode;
import org.wangge.security.Capability;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/**
 * The transition table of the closed loop: for each action, the states it starts from, the
 * state it leads to (null: unchanged) and who may take it. Nothing else moves a case: the service
 * asks {@link #check} and {@link Actor#permits}, README's table is rendered from it
 * ({@code CaseTransitionsTest} keeps the two equal), and unit tests run every cell.
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
    @Description("申请延期: the handler asks for a later deadline") REQUEST_EXTENSION(EnumSet.of(CaseState.DISPATCHED, CaseState.IN_PROGRESS),
            null, Actor.HANDLER),
    @Description("批准延期: the deadline moves") APPROVE_EXTENSION(EnumSet.of(CaseState.DISPATCHED, CaseState.IN_PROGRESS), null, Actor.TIER_LEAD),
    @Description("不予延期") REFUSE_EXTENSION(EnumSet.of(CaseState.DISPATCHED, CaseState.IN_PROGRESS), null, Actor.TIER_LEAD),
    @Description("申请挂账 (缓办): it cannot be solved now") REQUEST_PARK(EnumSet.of(CaseState.ACCEPTED, CaseState.DISPATCHED, CaseState.IN_PROGRESS),
            null, Actor.HANDLER_OR_TIER_LEAD),
    @Description("批准挂账: no deadline runs while parked") APPROVE_PARK(EnumSet.of(CaseState.ACCEPTED, CaseState.DISPATCHED, CaseState.IN_PROGRESS),
            CaseState.PARKED, Actor.TIER_LEAD),
    @Description("不予挂账") REFUSE_PARK(EnumSet.of(CaseState.ACCEPTED, CaseState.DISPATCHED, CaseState.IN_PROGRESS), null, Actor.TIER_LEAD),
    @Description("解除挂账: back to the state it was parked in, its deadline moved on by the time parked") UNPARK(EnumSet.of(CaseState.PARKED),
            null, Actor.TIER_LEAD),
    @Description("超期: recorded once by the deadline job") OVERDUE(EnumSet.noneOf(CaseState.class), null, Actor.SYSTEM);

    /** What the rules of who may act read of a case. */
    record Facts(String reporter, String owner, String handlerSubject, Long handlerDepartment, String tierPath, String gridPath) {
    }

    /** Who may take an action, checked against the case. */
    enum Actor {
        ANYONE("anyone who may report"),
        REPORTER("its reporter"),
        /** Staff who lead cases (立案, 交办, 办结) over the case's current tier grid: commanders and grid chiefs there. */
        TIER_LEAD("a lead over its tier grid"),
        /** The staff member or a member of the department the case is dispatched to. */
        HANDLER("its handler"),
        HANDLER_OR_TIER_LEAD("its handler or a lead over its tier grid"),
        /** Staff who verify over the case's grid, other than the handler (核查 is independent). */
        VERIFIER("staff who verify over its grid, not its handler"),
        OWNER_OR_TIER_LEAD("its owner or a lead over its tier grid"),
        SYSTEM("the deadline job");

        /** As README's table says it. */
        final String who;

        Actor(String who) {
            this.who = who;
        }

        boolean permits(Caller caller, Facts f) {
            boolean tierLead = caller.may(Capability.CASES_LEAD, f.tierPath());
            boolean handler = caller.subject().equals(f.handlerSubject())
                    || f.handlerDepartment() != null && caller.hasRole(Roles.DEPARTMENT) && caller.departments().contains(f.handlerDepartment());
            return switch (this) {
                case ANYONE -> true;
                case REPORTER -> caller.subject().equals(f.reporter());
                case TIER_LEAD -> tierLead;
                case HANDLER -> handler;
                case HANDLER_OR_TIER_LEAD -> handler || tierLead;
                case VERIFIER -> caller.may(Capability.CASES_VERIFY, f.gridPath()) && !caller.subject().equals(f.handlerSubject());
                case OWNER_OR_TIER_LEAD -> caller.subject().equals(f.owner()) || tierLead;
                case SYSTEM -> false;
            };
        }
    }

    /** Refuses the action on a case in this state when the table has no such step. */
    void check(CaseState state) {
        if (!from.contains(state)) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION, "A case that is " + state + " cannot be " + this)
                    .with("state", state.name()).with("action", name());
        }
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
