package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Batch;
import org.wangge.common.Check;
import org.wangge.common.Paging;
import org.wangge.grid.Grid;
import org.wangge.grid.GridReader;
import org.wangge.people.PeopleReader;
import org.wangge.people.Person;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/**
 * Cases: report (填单), the steps of the loop, and the lists each role works from. Every
 * read is scoped by {@link CaseReader#scope}: jurisdiction, own reports, own queue, and what
 * was dispatched to one's department.
 */
@GraphQLApi
public class CaseApi {

    private final CaseReader cases;
    private final CaseService service;
    private final GridReader grids;
    private final PeopleReader people;
    private final CurrentCaller currentCaller;

    /** What every step's idempotencyKey does. */
    static final String RETRY = "A retry with the same key within 24 hours gets the first answer, and the step is taken once; "
            + "the same key with another request: VALIDATION";

    private final NearbySettings nearby;

    public CaseApi(CaseReader cases, CaseService service, GridReader grids, PeopleReader people, CurrentCaller currentCaller,
            NearbySettings nearby) {
        this.nearby = nearby;
        this.cases = cases;
        this.service = service;
        this.grids = grids;
        this.people = people;
        this.currentCaller = currentCaller;
    }

    // ---- queries ----

    @Query("case")
    @Description("A case you may see, with its timeline. One you may not see is NOT_FOUND, as one that does not exist.")
    public Uni<CaseFile> caseFile(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        long caseId = NodeType.CASE_FILE.key("id", id);
        // the same answer either way: an error must not tell that a case exists out of reach
        return cases.byId(caller, caseId).map(c -> {
            if (c == null) {
                throw ApiException.notFound("Case", id);
            }
            return c;
        });
    }

    @Query
    @Description("Cases you may see, newest first, filtered")
    public Uni<@NonNull CaseConnection> cases(CaseFilter filter, Integer first, String after) {
        Caller caller = currentCaller.get();
        int limit = Paging.first(first);
        Long afterId = CaseConnection.after(after);
        if (filter != null && filter.gridId != null) {
            long gridId = NodeType.GRID.key("gridId", filter.gridId);
            return grids.byId(gridId).chain(g -> {
                if (g == null) {
                    throw ApiException.notFound("Grid", filter.gridId);
                }
                return cases.list(caller, g.subtree(), filter, null, limit, afterId);
            });
        }
        return cases.list(caller, null, filter, null, limit, afterId);
    }

    @Query
    @Description("Cases you reported (the mini-program's 我的上报)")
    public Uni<@NonNull CaseConnection> myReports(Integer first, String after) {
        Caller caller = currentCaller.get();
        return cases.reportedBy(caller, Paging.first(first), CaseConnection.after(after));
    }

    @Query
    @Description("Cases waiting for you: dispatched to you or your department, not yet resolved")
    public Uni<@NonNull CaseConnection> myQueue(Integer first, String after) {
        Caller caller = currentCaller.get();
        return cases.queueOf(caller, Paging.first(first), CaseConnection.after(after));
    }

    @Query
    @Description("A department's inbox: every case ever dispatched to your department, filtered")
    public Uni<@NonNull CaseConnection> departmentInbox(CaseFilter filter, Integer first, String after) {
        Caller caller = currentCaller.get();
        caller.requireRole(Roles.DEPARTMENT);
        // one department per member (department_member is keyed by subject)
        Long department = caller.departments().stream().findFirst().orElseThrow(
                () -> ApiException.forbidden("You are not a member of any department"));
        return cases.inboxOf(caller, department, filter, Paging.first(first), CaseConnection.after(after));
    }

    // ---- fields ----

    // The graph is walkable to cases: a grid's, a household's, a person's and a department's, as
    // connections with the root list's filter, each only as far as the caller may see cases. Each
    // is read for all its parents at once (a page of grids asking for their cases is one statement).

    @NonNull
    @Name("cases")
    @Description("Cases in this grid and everything below it that you may see, filtered as the root cases list (its gridId is this grid)")
    public Uni<List<@NonNull CaseConnection>> gridCases(@Source List<Grid> grids, CaseFilter filter, Integer first, String after) {
        return page(filter, first, after, "a grid's cases are this grid's", (caller, path, f, limit, afterId) ->
                cases.inSubtrees(caller, grids.stream().map(Grid::subtree).toList(), f, limit, afterId));
    }

    @NonNull
    @Name("cases")
    @Description("Cases that concern this household, that you may see")
    public Uni<List<@NonNull CaseConnection>> householdCases(@Source List<org.wangge.people.Household> households, CaseFilter filter,
            Integer first, String after) {
        return linked(CaseReader.Link.HOUSEHOLD, households.stream().map(h -> h.dbId).toList(), filter, first, after);
    }

    @NonNull
    @Name("cases")
    @Description("Cases that concern this resident, that you may see")
    public Uni<List<@NonNull CaseConnection>> personCases(@Source List<Person> persons, CaseFilter filter, Integer first, String after) {
        return linked(CaseReader.Link.PERSON, persons.stream().map(p -> p.dbId).toList(), filter, first, after);
    }

    @NonNull
    @Description("Every case ever dispatched to this department, that you may see (its members: the department's inbox)")
    public Uni<List<@NonNull CaseConnection>> inbox(@Source List<Department> departments, CaseFilter filter, Integer first, String after) {
        return linked(CaseReader.Link.DEPARTMENT, departments.stream().map(d -> d.dbId).toList(), filter, first, after);
    }

    private Uni<List<CaseConnection>> linked(CaseReader.Link link, List<Long> ids, CaseFilter filter, Integer first, String after) {
        return page(filter, first, after, null, (caller, path, f, limit, afterId) -> cases.linked(caller, link, ids, path, f, limit, afterId));
    }

    private interface CasePage<T> {
        Uni<T> read(Caller caller, org.wangge.grid.Subtree subtree, CaseFilter filter, int limit, Long afterId);
    }

    /** A nested page of cases: the arguments checked as the root list checks them, errors as failures (not thrown). */
    private <T> Uni<T> page(CaseFilter filter, Integer first, String after, String noGridId, CasePage<T> read) {
        try {
            Caller caller = currentCaller.get();
            if (filter != null && filter.gridId != null && noGridId != null) {
                throw ApiException.validation("filter.gridId", noGridId);
            }
            int limit = Paging.first(first);
            Long afterId = CaseConnection.after(after);
            if (filter == null || filter.gridId == null) {
                return read.read(caller, null, filter, limit, afterId);
            }
            long gridId = NodeType.GRID.key("filter.gridId", filter.gridId);
            return grids.byId(gridId).chain(g -> {
                if (g == null) {
                    throw ApiException.notFound("Grid", filter.gridId);
                }
                return read.read(caller, g.subtree(), filter, limit, afterId);
            });
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
    }

    @NonNull
    @Description("The newest cases in this grid and everything below it that you may see (at most 50), optionally in some states")
    public Uni<List<@NonNull List<@NonNull CaseFile>>> newestCases(@Source List<Grid> of, @DefaultValue("10") int first, List<CaseState> states) {
        Caller caller = currentCaller.get();
        if (first < 1 || first > 50) {
            return Uni.createFrom().failure(ApiException.validation("first", "first must be between 1 and 50"));
        }
        return cases.newestInSubtrees(caller, of.stream().map(Grid::subtree).toList(), of.stream().map(g -> g.level).toList(), states, first);
    }

    @NonNull
    @Description("The timeline, oldest first")
    public Uni<List<@NonNull List<@NonNull CaseEvent>>> timeline(@Source List<CaseFile> of) {
        return cases.timelines(of);
    }

    @NonNull
    @Description("The grid the case happened in")
    public Uni<List<@NonNull Grid>> grid(@Source List<CaseFile> of) {
        return grids.byIds(of.stream().map(c -> c.gridId).distinct().toList()).map(byId -> Batch.pick(of, c -> c.gridId, byId));
    }

    @NonNull
    @Description("The grid whose tier is responsible now (the case's grid, or higher after escalation)")
    public Uni<List<@NonNull Grid>> tierGrid(@Source List<CaseFile> of) {
        return grids.byIds(of.stream().map(c -> c.tierGridId).distinct().toList()).map(byId -> Batch.pick(of, c -> c.tierGridId, byId));
    }

    @Description("The department handling it, when dispatched to one")
    public Uni<List<Department>> handlerDepartment(@Source List<CaseFile> of) {
        List<Long> ids = of.stream().map(c -> c.handlerDepartmentId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(of.stream().map(c -> (Department) null).toList());
        }
        return cases.departmentsById(ids).map(byId -> Batch.pick(of, c -> c.handlerDepartmentId, byId));
    }

    @NonNull
    @Description("Residents involved (masked as everywhere)")
    public Uni<List<@NonNull List<@NonNull Person>>> persons(@Source List<CaseFile> of) {
        // a case's residents are of its county (their link's foreign key, V46)
        return cases.personIds(of).chain(idLists -> people.persons(idLists.stream().flatMap(List::stream).distinct().toList(),
                        org.wangge.common.Counties.of(of, c -> c.countyCode))
                .map(byId -> idLists.stream().map(ids -> ids.stream().map(byId::get).filter(Objects::nonNull).toList()).toList()));
    }

    @NonNull
    @Description("Open cases of the same kind within 7 days, in the same grid or near its point (within the deployment's radius, "
            + "50 m unless configured, across grids): possible duplicates to check before accepting")
    public Uni<List<@NonNull List<@NonNull CaseFile>>> similarOpenCases(@Source List<CaseFile> of) {
        return cases.similar(of, nearby.radiusMeters());
    }

    @NonNull
    @Description("Open cases of any kind near its point, nearest first, with their distance (none when it has no point). "
            + "radiusMeters: at most 1000; defaults to the deployment's radius (50 m unless configured)")
    public Uni<List<@NonNull List<@NonNull NearbyCase>>> nearbyOpenCases(@Source List<CaseFile> of, Integer radiusMeters) {
        int radius = radiusMeters == null ? nearby.radiusMeters() : radiusMeters;
        if (radius < 1 || radius > 1000) {
            // a batched field's refusal is the answer's failure (thrown, it would be an internal error)
            return Uni.createFrom().failure(ApiException.validation("radiusMeters", "radiusMeters must be 1 to 1000"));
        }
        return cases.nearby(of, radius);
    }

    @Description("The original, when rejected as a duplicate (if you may see it)")
    public Uni<List<CaseFile>> duplicateOf(@Source List<CaseFile> of) {
        return Async.defer(() -> cases.visible(currentCaller.get(), of.stream().map(c -> c.duplicateOf).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, c -> c.duplicateOf, byId)));
    }

    @Name("totalCount")
    @Description("Number of cases in the whole list")
    public Uni<@NonNull Integer> totalCount(@Source CaseConnection connection) {
        return connection.totalCount.get();
    }

    // ---- the loop ----

    @Mutation
    @Description("填单: report a case as staff, information reporter or resident")
    public Uni<@NonNull CaseFile> reportCase(@NonNull CaseInputs.Report input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.report(caller, input, idempotencyKey);
    }

    @Mutation
    @Description("撤回: the reporter withdraws a case before it is accepted")
    public Uni<@NonNull CaseFile> withdrawCase(@NonNull @Id String id, int version, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.WITHDRAW, version, idempotencyKey, s -> s.note = note);
    }

    @Mutation
    @Description("立案: accept a reported case (commander or grid chief of its tier); may set priority and risk colour")
    public Uni<@NonNull CaseFile> acceptCase(@NonNull @Id String id, int version, Priority priority, RiskColour riskColour, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.ACCEPT, version, idempotencyKey, s -> {
            s.priority = priority;
            s.riskColour = riskColour;
            s.note = note;
        });
    }

    @Mutation
    @Description("不予立案: reject as invalid, or as a duplicate of another case")
    public Uni<@NonNull CaseFile> rejectCase(@NonNull @Id String id, int version, @NonNull String reason, @Id String duplicateOf,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REJECT, version, idempotencyKey, s -> {
            s.note = reason;
            s.duplicateOf = duplicateOf == null ? null : NodeType.CASE_FILE.key("duplicateOf", duplicateOf);
        });
    }

    @Mutation
    @Description("调度交办: dispatch to a staff member of the tier or to a partner department")
    public Uni<@NonNull CaseFile> dispatchCase(@NonNull @Id String id, int version, String toSubject, @Id String toDepartmentId, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.DISPATCH, version, idempotencyKey, s -> {
            s.toSubject = toSubject;
            s.toDepartmentId = toDepartmentId == null ? null : NodeType.DEPARTMENT.key("toDepartmentId", toDepartmentId);
            s.note = note;
        });
    }

    @Mutation
    @Description("接单: the handler takes the case on")
    public Uni<@NonNull CaseFile> takeCase(@NonNull @Id String id, int version, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.TAKE, version, idempotencyKey, s -> s.note = note);
    }

    @Mutation
    @Description("解单: the handler reports how it was resolved")
    public Uni<@NonNull CaseFile> resolveCase(@NonNull @Id String id, int version, @NonNull String result, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.RESOLVE, version, idempotencyKey, s -> {
            s.result = result;
            s.note = note;
        });
    }

    @Mutation
    @Description("核查: the on-site check confirms the resolution")
    public Uni<@NonNull CaseFile> verifyCase(@NonNull @Id String id, int version, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.VERIFY, version, idempotencyKey, s -> s.note = note);
    }

    @Mutation
    @Description("返工: the on-site check fails; back to the handler")
    public Uni<@NonNull CaseFile> reworkCase(@NonNull @Id String id, int version, @NonNull String reason,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REWORK, version, idempotencyKey, s -> s.note = reason);
    }

    @Mutation
    @Description("办结: close a verified case")
    public Uni<@NonNull CaseFile> closeCase(@NonNull @Id String id, int version, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.CLOSE, version, idempotencyKey, s -> s.note = note);
    }

    @Mutation
    @Description("上报: hand the case up to the parent grid's tier, where it is dispatched again (小事不出村、大事不出镇)")
    public Uni<@NonNull CaseFile> escalateCase(@NonNull @Id String id, int version, @NonNull String reason,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.ESCALATE, version, idempotencyKey, s -> s.note = reason);
    }

    @Mutation
    @Description("首问负责: hand ownership over to another staff member over the case's grid")
    public Uni<@NonNull CaseFile> handOverCase(@NonNull @Id String id, int version, @NonNull String toSubject, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.HAND_OVER, version, idempotencyKey, s -> {
            s.toSubject = toSubject;
            s.note = note;
        });
    }

    @Mutation
    @Description("评单: the reporter rates a closed case once, 1-5")
    public Uni<@NonNull CaseFile> rateCase(@NonNull @Id String id, int version, int rating, String comment,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.RATE, version, idempotencyKey, s -> {
            s.rating = rating;
            s.note = comment;
        });
    }

    @Mutation
    @Description("申请延期: the handler asks for a later deadline, with the reason; a lead over the case's tier decides")
    public Uni<@NonNull CaseFile> requestExtension(@NonNull @Id String id, int version, @NonNull java.time.OffsetDateTime dueAt,
            @NonNull String reason,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REQUEST_EXTENSION, version, idempotencyKey, s -> {
            s.dueAt = dueAt;
            s.note = reason;
        });
    }

    @Mutation
    @Description("批准延期: the deadline moves to the one asked for, or to dueAt when given; the case counts as extended")
    public Uni<@NonNull CaseFile> approveExtension(@NonNull @Id String id, int version, java.time.OffsetDateTime dueAt, String note,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.APPROVE_EXTENSION, version, idempotencyKey, s -> {
            s.dueAt = dueAt;
            s.note = note;
        });
    }

    @Mutation
    @Description("不予延期: the deadline stays, with the reason")
    public Uni<@NonNull CaseFile> refuseExtension(@NonNull @Id String id, int version, @NonNull String reason,
            @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REFUSE_EXTENSION, version, idempotencyKey, s -> s.note = reason);
    }

    @Mutation
    @Description("申请挂账 (缓办): its handler or a lead asks to park a case that cannot be solved now (funds, a court date, the season)")
    public Uni<@NonNull CaseFile> requestParking(@NonNull @Id String id, int version, @NonNull String reason, @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REQUEST_PARK, version, idempotencyKey, s -> s.note = reason);
    }

    @Mutation
    @Description("批准挂账: a lead over the case's tier parks it; no deadline runs, and it leaves the closure rate's denominator")
    public Uni<@NonNull CaseFile> approveParking(@NonNull @Id String id, int version, String note, @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.APPROVE_PARK, version, idempotencyKey, s -> s.note = note);
    }

    @Mutation
    @Description("不予挂账, with the reason")
    public Uni<@NonNull CaseFile> refuseParking(@NonNull @Id String id, int version, @NonNull String reason, @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.REFUSE_PARK, version, idempotencyKey, s -> s.note = reason);
    }

    @Mutation
    @Description("解除挂账: back to the state it was parked in; its deadline moves on by the time it was parked")
    public Uni<@NonNull CaseFile> unparkCase(@NonNull @Id String id, int version, String note, @Description(RETRY) String idempotencyKey) {
        return step(id, CaseAction.UNPARK, version, idempotencyKey, s -> s.note = note);
    }

    private Uni<CaseFile> step(String id, CaseAction action, int version, String idempotencyKey, java.util.function.Consumer<CaseInputs.Step> fill) {
        Caller caller = currentCaller.get();
        long caseId = NodeType.CASE_FILE.key("id", id);
        CaseInputs.Step step = new CaseInputs.Step();
        fill.accept(step);
        // a case out of reach answers as a missing one, before its state or the caller's powers are told
        return cases.byId(caller, caseId).chain(visible -> {
            if (visible == null) {
                throw ApiException.notFound("Case", id);
            }
            return service.step(caller, caseId, action, version, step, idempotencyKey);
        }).chain(done -> cases.byId(caller, done))
                .map(c -> {
                    if (c == null) {
                        throw ApiException.forbidden("The step was taken; the case is no longer visible to you");
                    }
                    return c;
                });
    }
}
