package org.wangge.houses;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
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
import org.wangge.addresses.Address;
import org.wangge.addresses.AddressReader;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Batch;
import org.wangge.common.NodeType;
import org.wangge.common.Paging;
import org.wangge.grid.Grid;
import org.wangge.grid.GridReader;
import org.wangge.people.Household;
import org.wangge.people.PeopleReader;
import org.wangge.people.Person;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;

/** 实有房屋: houses at standard addresses, and who lives in the rented ones. */
@GraphQLApi
public class HouseApi {

    private final HouseReader houses;
    private final HouseService service;
    private final AddressReader addresses;
    private final PeopleReader people;
    private final GridReader grids;
    private final CurrentCaller currentCaller;

    public HouseApi(HouseReader houses, HouseService service, AddressReader addresses, PeopleReader people, GridReader grids,
            CurrentCaller currentCaller) {
        this.houses = houses;
        this.service = service;
        this.addresses = addresses;
        this.people = people;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("A house where you read the residents. One elsewhere is NOT_FOUND, as one that does not exist.")
    public Uni<House> house(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return houses.byId(NodeType.HOUSE.key("id", id)).map(h -> {
            if (h == null || !h.visibleTo(caller)) {
                throw ApiException.notFound("House", id);
            }
            return h;
        });
    }

    @Query
    @Description("流动人口 to follow up: floating residents of the grid and below whose last tenancy has ended and who live in no "
            + "house now, with that tenancy (newest end first, at most 200)")
    public Uni<@NonNull List<@NonNull Tenancy>> tenancyFollowUps(@NonNull @Id String gridId) {
        Caller caller = currentCaller.get();
        return grids.byId(NodeType.GRID.key("gridId", gridId)).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.require(Capability.RESIDENTS_READ, g.path, gridId);
            return houses.followUps(g.path, 200);
        });
    }

    @NonNull
    @Name("houses")
    @Description("Houses in this grid and everything below it (of one use when given), by id; empty where you read no residents")
    public Uni<List<@NonNull HouseConnection>> gridHouses(@Source List<Grid> of, HouseUse use, Integer first, String after) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            int limit = Paging.first(first);
            return Batch.onlyFor(of, g -> caller.may(Capability.RESIDENTS_READ, g.path), HouseConnection.empty(),
                    visible -> houses.inSubtrees(visible.stream().map(g -> g.path).toList(), use, limit, after));
        });
    }

    @NonNull
    @Description("Where the house is")
    public Uni<List<@NonNull Address>> address(@Source List<House> of) {
        return addresses.byIds(of.stream().map(h -> h.addressId).distinct().toList()).map(byId -> Batch.pick(of, h -> h.addressId, byId));
    }

    @Description("Its owner, a resident (masked as every resident)")
    public Uni<List<Person>> owner(@Source List<House> of) {
        return people.persons(of.stream().map(h -> h.ownerId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, h -> h.ownerId, byId));
    }

    @NonNull
    @Description("Who lives or lived there, newest first; today's only with current: true")
    public Uni<List<@NonNull List<@NonNull Tenancy>>> tenancies(@Source List<House> of, @DefaultValue("false") boolean current) {
        return houses.tenancies(of, current);
    }

    @NonNull
    @Description("The houses this resident owns or lives in (their own tenancy or their household's)")
    public Uni<List<@NonNull List<@NonNull House>>> houses(@Source List<Person> of) {
        return houses.ofPersons(of.stream().map(p -> p.dbId).toList());
    }

    @NonNull
    @Description("The subtree's houses: how many, how many rented, by use")
    public Uni<@NonNull HouseFigures> houses(@Source org.wangge.people.Coverage coverage) {
        return houses.byUse(coverage.rootPath).map(HouseFigures::of);
    }

    @NonNull
    @Description("The house")
    public Uni<List<@NonNull House>> house(@Source List<Tenancy> of) {
        return houses.byIds(of.stream().map(t -> t.houseId).distinct().toList()).map(byId -> Batch.pick(of, t -> t.houseId, byId));
    }

    @Description("The household living there (or null: a resident)")
    public Uni<List<Household>> household(@Source List<Tenancy> of) {
        return people.households(of.stream().map(t -> t.householdId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, t -> t.householdId, byId));
    }

    @Description("The resident living there (or null: a household)")
    public Uni<List<Person>> person(@Source List<Tenancy> of) {
        return people.persons(of.stream().map(t -> t.personId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, t -> t.personId, byId));
    }

    @Mutation
    @Description("Register the house at a standard address (one per address), with its use, owner and area (staff who register residents there)")
    public Uni<@NonNull House> registerHouse(@NonNull @Id String addressId, @NonNull HouseUse use, @Id String ownerId, Double area) {
        return service.register(currentCaller.get(), addressId, use, ownerId, area).chain(houses::byId);
    }

    @Mutation
    @Description("A household or a resident (exactly one) moves into a house on a day")
    public Uni<@NonNull Tenancy> startTenancy(@NonNull @Id String houseId, @Id String householdId, @Id String personId, @NonNull LocalDate startDate) {
        return service.startTenancy(currentCaller.get(), houseId, householdId, personId, startDate).chain(houses::tenancy);
    }

    @Mutation
    @Description("A tenancy ends on a day (not before it began; once)")
    public Uni<@NonNull Tenancy> endTenancy(@NonNull @Id String id, @NonNull LocalDate endDate) {
        return service.endTenancy(currentCaller.get(), id, endDate).chain(houses::tenancy);
    }
}
