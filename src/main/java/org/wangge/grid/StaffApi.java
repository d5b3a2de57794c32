package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.common.Async;
import org.wangge.common.Batch;
import org.wangge.common.Check;
import org.wangge.common.Page;
import org.wangge.common.Paging;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Jurisdictions;
import org.wangge.common.NodeType;

/** Staff on grids: who answers for which grid, in which role, since when. */
@GraphQLApi
public class StaffApi {

    private final StaffReader staff;
    // changed on commit, so that the answer and every later request see the new jurisdiction
    private final Jurisdictions jurisdictions;
    private final StaffService service;
    private final GridReader grids;
    private final CurrentCaller currentCaller;

    public StaffApi(StaffReader staff, StaffService service, GridReader grids, CurrentCaller currentCaller, Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.service = service;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    @Description("People assigned to this grid (current and upcoming unless includeEnded)")
    @NonNull
    public Uni<List<@NonNull StaffConnection>> staff(@Source List<Grid> of, StaffRole role,
            @DefaultValue("false") boolean includeEnded, Integer first, String after) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            int limit = Paging.first(first);
            Long afterId = StaffConnection.after(after);
            return GridApi.onlyCovered(caller, of, StaffConnection.of(new Page<>(List.of(), false, false), 0),
                    visible -> staff.ofGrids(visible, role, includeEnded, limit, afterId));
        });
    }

    @Description("Number of people currently on this grid, or on its whole subtree")
    @NonNull
    public Uni<List<@NonNull Integer>> staffCount(@Source List<Grid> of, @DefaultValue("false") boolean subtree) {
        return Async.defer(() -> GridApi.onlyCovered(currentCaller.get(), of, 0, visible -> staff.counts(visible, subtree)));
    }

    @Description("The grid of this assignment")
    @NonNull
    public Uni<List<@NonNull Grid>> grid(@Source List<StaffAssignment> of) {
        return grids.byIds(of.stream().map(a -> a.gridId).distinct().toList())
                .map(byId -> Batch.pick(of, a -> a.gridId, byId));
    }

    @Query
    @Description("A person's assignments, newest first: your own, or those on grids in your jurisdiction")
    public Uni<@NonNull StaffConnection> staffAssignments(@NonNull String subject, Integer first, String after) {
        Caller caller = currentCaller.get();
        int limit = Paging.first(first);
        Long afterId = StaffConnection.after(after);
        return staff.ofSubject(subject).map(all -> {
            List<StaffAssignment> visible = all.stream()
                    .filter(a -> a.visibleTo(caller))
                    .toList();
            int start = 0;
            if (afterId != null) {
                while (start < visible.size() && visible.get(start).dbId != afterId) {
                    start++;
                }
                start++;
            }
            List<StaffAssignment> rest = visible.subList(Math.min(start, visible.size()), visible.size());
            return StaffConnection.of(Page.of(rest.subList(0, Math.min(rest.size(), limit + 1)), limit, after), visible.size());
        });
    }

    @Mutation
    @Description("Put a person on a grid in a role. One grid chief per grid at a time.")
    public Uni<@NonNull StaffAssignment> assignStaff(@NonNull GridInputs.AssignStaff input) {
        Caller caller = currentCaller.get();
        return service.assign(caller, input).invoke(jurisdictions::changed).chain(staff::byId);
    }

    @Mutation
    @Description("End an assignment on a day (today by default); it stays in the history")
    public Uni<@NonNull StaffAssignment> endStaffAssignment(@NonNull @Id String id, LocalDate endDate, Integer version) {
        Caller caller = currentCaller.get();
        return service.end(caller, NodeType.STAFF_ASSIGNMENT.key("id", id), endDate, version).invoke(jurisdictions::changed).chain(staff::byId);
    }
}
