package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.util.List;
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
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Jurisdictions;
import org.wangge.common.NodeType;

/**
 * The grid tree as a graph. Jurisdiction is applied here once for each entry point: a grid
 * outside the caller's subtrees is FORBIDDEN when asked for by id or code, and absent from
 * lists. Breadcrumbs (ancestors) name the grids above, but their lists stay closed.
 */
@GraphQLApi
public class GridApi {

    private final GridReader grids;
    private final GridService service;
    private final CurrentCaller currentCaller;
    // moves and retirements change paths that jurisdictions are made of
    private final Jurisdictions jurisdictions;

    public GridApi(GridReader grids, GridService service, CurrentCaller currentCaller, Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.grids = grids;
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("A grid by id or by code (exactly one). Retired grids resolve too.")
    public Uni<Grid> grid(@Id String id, String code) {
        Caller caller = currentCaller.get();
        if ((id == null) == (code == null)) {
            throw ApiException.validation(id == null ? "id" : "code", "Give exactly one of id and code");
        }
        Uni<Grid> found = id != null ? grids.byId(NodeType.GRID.key("id", id)) : grids.byCode(code);
        return found.map(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", id != null ? id : code);
            }
            caller.requireCovers(g.path, g.id);
            return g;
        });
    }

    @Query
    @Description("Grids in the caller's jurisdiction (all grids for an admin), in tree order, filtered")
    public Uni<@NonNull GridConnection> grids(GridFilter filter, Integer first, String after) {
        Caller caller = currentCaller.get();
        return grids.search(caller.isAdmin() ? null : caller.jurisdiction(), true, filter, Paging.first(first), after);
    }

    @Query
    @Description("The top grids of the caller's jurisdiction (the top-level grids for an admin)")
    public Uni<@NonNull List<@NonNull Grid>> myGrids() {
        Caller caller = currentCaller.get();
        if (caller.isAdmin()) {
            GridFilter top = new GridFilter();
            top.level = 1;
            return grids.search(null, true, top, Paging.MAX_FIRST, null).map(GridConnection::nodes);
        }
        List<Long> ids = caller.jurisdiction().stream().map(GridApi::lastId).toList();
        return grids.byIds(ids).map(byId -> ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
    }

    // ---- fields of Grid, each batched over all grids of a level ----

    @Description("The parent grid; null at the top")
    public Uni<List<Grid>> parent(@Source List<Grid> children) {
        List<Long> ids = children.stream().map(g -> g.parentId).filter(java.util.Objects::nonNull).distinct().toList();
        return grids.byIds(ids).map(byId -> Batch.pick(children, g -> g.parentId, byId));
    }

    @Description("The grids above, top first (breadcrumb)")
    @NonNull
    public Uni<List<@NonNull List<@NonNull Grid>>> ancestors(@Source List<Grid> of) {
        return grids.ancestors(of);
    }

    @Description("Direct children ordered by code")
    @NonNull
    public Uni<List<@NonNull GridConnection>> children(@Source List<Grid> parents, Integer first, String after,
            @DefaultValue("false") boolean includeRetired) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            int limit = Paging.first(first);
            String afterCode = GridConnection.after(GridConnection.Order.CODE, after);
            return onlyCovered(caller, parents, GridConnection.empty(),
                    visible -> grids.children(visible, limit, afterCode, includeRetired));
        });
    }

    @Description("Grids below this one, in tree order, filtered")
    public Uni<@NonNull GridConnection> descendants(@Source Grid root, GridFilter filter, Integer first, String after) {
        Caller caller = currentCaller.get();
        if (!caller.covers(root.path)) {
            return Uni.createFrom().item(GridConnection.empty());
        }
        return grids.search(List.of(root.path), false, filter, Paging.first(first), after);
    }

    @Description("Number of grids below this one")
    @NonNull
    public Uni<List<@NonNull Integer>> descendantCount(@Source List<Grid> of, @DefaultValue("false") boolean includeRetired) {
        return Async.defer(() -> onlyCovered(currentCaller.get(), of, 0,
                visible -> grids.descendantCounts(visible, includeRetired)));
    }

    @Name("totalCount")
    @Description("Number of grids in the whole list")
    public Uni<@NonNull Integer> totalCount(@Source GridConnection connection) {
        return connection.totalCount.get();
    }

    // ---- mutations ----

    @Mutation
    @Description("Create a grid under a parent in your jurisdiction (commander or admin)")
    public Uni<@NonNull Grid> createGrid(@NonNull GridInputs.CreateGrid input) {
        Caller caller = currentCaller.get();
        return service.create(caller, input).chain(grids::byId);
    }

    @Mutation
    @Description("Change a grid's code, name, kind, layers, boundary or centre")
    public Uni<@NonNull Grid> updateGrid(@NonNull @Id String id, @NonNull GridInputs.UpdateGrid input) {
        Caller caller = currentCaller.get();
        return service.update(caller, NodeType.GRID.key("id", id), input).chain(grids::byId);
    }

    @Mutation
    @Description("Move a grid and its whole subtree under another parent; moving under its own subtree is refused")
    public Uni<@NonNull Grid> moveGrid(@NonNull @Id String id, @NonNull @Id String newParentId, Integer version) {
        Caller caller = currentCaller.get();
        return service.move(caller, NodeType.GRID.key("id", id), NodeType.GRID.key("newParentId", newParentId), version).invoke(jurisdictions::changed)
                .chain(grids::byId);
    }

    @Mutation
    @Description("Retire a grid; refused while it has active children or current staff")
    public Uni<@NonNull Grid> retireGrid(@NonNull @Id String id, Integer version) {
        Caller caller = currentCaller.get();
        return service.retire(caller, NodeType.GRID.key("id", id), version).invoke(jurisdictions::changed).chain(grids::byId);
    }

    /** A batch field answered for the grids in the caller's jurisdiction, {@code hidden} for breadcrumb ancestors. */
    static <T> Uni<List<T>> onlyCovered(Caller caller, List<Grid> batch, T hidden,
            java.util.function.Function<List<Grid>, Uni<List<T>>> load) {
        return Batch.onlyFor(batch, g -> caller.covers(g.path), hidden, load);
    }

    private static long lastId(String path) {
        String trimmed = path.substring(0, path.length() - 1);
        return Long.parseLong(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
}
