package org.wangge.addresses;

import io.smallrye.mutiny.Uni;
import java.util.List;
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
import org.wangge.common.NodeType;
import org.wangge.common.Paging;
import org.wangge.grid.Grid;
import org.wangge.grid.GridReader;
import org.wangge.people.Household;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;

/** 标准地址: the address tree under the leaf grids, walkable from grids and households. */
@GraphQLApi
public class AddressApi {

    private final AddressReader addresses;
    private final AddressService service;
    private final GridReader grids;
    private final CurrentCaller currentCaller;

    public AddressApi(AddressReader addresses, AddressService service, GridReader grids, CurrentCaller currentCaller) {
        this.addresses = addresses;
        this.service = service;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("An address in your jurisdiction. One outside it is NOT_FOUND, as one that does not exist.")
    public Uni<Address> address(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return addresses.byId(NodeType.ADDRESS.key("id", id)).map(a -> {
            if (a == null || !a.visibleTo(caller)) {
                throw ApiException.notFound("Address", id);
            }
            return a;
        });
    }

    @NonNull
    @Name("addresses")
    @Description("Addresses in this grid and everything below it (of one kind when given), by id; empty where you read no residents")
    public Uni<List<@NonNull AddressConnection>> gridAddresses(@Source List<Grid> of, AddressKind kind, Integer first, String after) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            int limit = Paging.first(first);
            // where the caller reads no residents a grid's addresses are not read at all (the rule would drop every one)
            return Batch.onlyFor(of, g -> caller.may(Capability.RESIDENTS_READ, g.path), AddressConnection.empty(),
                    visible -> addresses.inSubtrees(visible.stream().map(g -> g.path).toList(), kind, limit, after));
        });
    }

    @NonNull
    @Description("The buildings of a place, the units of a building, the rooms of a unit, by name")
    public Uni<List<@NonNull List<@NonNull Address>>> children(@Source List<Address> of) {
        return addresses.children(of);
    }

    @Description("The address this one is part of")
    public Uni<List<Address>> parent(@Source List<Address> of) {
        return addresses.byIds(of.stream().map(a -> a.parentId).filter(java.util.Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, a -> a.parentId, byId));
    }

    @NonNull
    @Description("The grid it lies in")
    public Uni<List<@NonNull Grid>> grid(@Source List<Address> of) {
        return grids.byIds(of.stream().map(a -> a.gridId).distinct().toList()).map(byId -> Batch.pick(of, a -> a.gridId, byId));
    }

    @Description("The household's place on the standard address tree (its room, unit, building or place)")
    public Uni<List<Address>> standardAddress(@Source List<Household> of) {
        return addresses.ofHouseholds(of.stream().map(h -> h.dbId).toList()).map(byId -> Batch.pick(of, h -> h.dbId, byId));
    }

    @Mutation
    @Description("Add a place to a leaf grid, or a building, unit or room to an address (staff who register residents there)")
    public Uni<@NonNull Address> createAddress(@NonNull AddressInput input) {
        return service.create(currentCaller.get(), input).chain(addresses::byId);
    }

    @Mutation
    @Description("Move an address, with everything in it and the households there, to another leaf grid; recorded with the reason "
            + "(grid editors over both grids). A room moves with its unit or building.")
    public Uni<@NonNull Address> moveAddress(@NonNull @Id String id, @NonNull @Id String gridId, @NonNull String reason) {
        return service.move(currentCaller.get(), NodeType.ADDRESS.key("id", id), NodeType.GRID.key("gridId", gridId), reason)
                .chain(addresses::byId);
    }
}
