package org.wangge.people;

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
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Batch;
import org.wangge.common.Check;
import org.wangge.common.Paging;
import org.wangge.common.Counties;
import org.wangge.grid.Grid;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/**
 * Households and residents. Staff read what lives in their grids; a resident reads their own
 * record; ID numbers and phones are masked unless asked for in full with a reason (audited);
 * care groups only show to staff covering the person and to admins.
 */
@GraphQLApi
public class PeopleApi {

    private final PeopleReader people;
    private final PeopleService service;
    private final VisitService visits;
    private final PersonalData pii;
    private final PersonalDataAudit audit;
    private final GridReader grids;
    private final CurrentCaller currentCaller;

    private final SearchRate searchRate;

    public PeopleApi(PeopleReader people, PeopleService service, VisitService visits, PersonalData pii, PersonalDataAudit audit,
            GridReader grids, CurrentCaller currentCaller, SearchRate searchRate) {
        this.searchRate = searchRate;
        this.people = people;
        this.service = service;
        this.visits = visits;
        this.pii = pii;
        this.audit = audit;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    // ---- queries ----

    @Query
    @Description("A household in your jurisdiction. One outside it is NOT_FOUND, as one that does not exist.")
    public Uni<Household> household(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        long householdId = NodeType.HOUSEHOLD.key("id", id);
        return people.household(householdId).map(h -> {
            // the same answer either way: an error must not tell that a household exists out of reach
            if (h == null || !h.visibleTo(caller)) {
                throw ApiException.notFound("Household", id);
            }
            return h;
        });
    }

    @Query
    @Description("Households of a grid subtree, by id")
    public Uni<@NonNull HouseholdConnection> households(@NonNull @Id String gridId, String addressPrefix, Integer first, String after) {
        Caller caller = currentCaller.get();
        int limit = Paging.first(first);
        return coveredGrid(caller, gridId).chain(g -> people.households(caller, g.subtree(), addressPrefix, limit, after));
    }

    @Query
    @Description("A resident in your jurisdiction, or your own record. One outside them is NOT_FOUND, as one that does not exist.")
    public Uni<Person> person(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        long personId = NodeType.PERSON.key("id", id);
        return people.person(personId).map(p -> {
            // the same answer either way: an error must not tell that a person exists out of reach
            if (p == null || !p.visibleTo(caller)) {
                throw ApiException.notFound("Person", id);
            }
            return p;
        });
    }

    @Query
    @Description("Residents you may read, filtered (grid subtree, residence type, care group, age, name), by id")
    public Uni<@NonNull PersonConnection> persons(PersonFilter filter, Integer first, String after) {
        Caller caller = currentCaller.get();
        int limit = Paging.first(first);
        if (filter != null && filter.careCategory != null) {
            caller.requireAnywhere(Capability.CARE_READ);
        }
        if (filter != null && filter.gridId != null) {
            return coveredGrid(caller, filter.gridId).chain(g -> people.searchPersons(caller, g.subtree(), filter, limit, after, audit.mayReadBirthDates(caller)));
        }
        return people.searchPersons(caller, null, filter, limit, after, audit.mayReadBirthDates(caller));
    }

    @Query
    @Description("Exact search by ID number (through its keyed hash; nothing is decrypted), with a reason: audited like a full "
            + "read and limited per caller (RATE_LIMITED). Null when absent or outside your jurisdiction.")
    public Uni<Person> personByIdNumber(@NonNull String idNumber, @DefaultValue("RESIDENT_ID") IdType idType, @NonNull String reason) {
        Caller caller = currentCaller.get();
        caller.requireRole(Roles.COMMANDER, Roles.GRID_CHIEF, Roles.GRID_WORKER);
        String why = PersonalDataAudit.reason(reason);
        searchRate.take(caller.subject());
        String normalised = IdNumbers.normaliseDocument(idNumber);
        return people.byIdNumberHash(idType.name(), pii.hash(normalised))
                .map(p -> p != null && p.visibleTo(caller) ? p : null)
                .call(p -> audit.searched(caller, PersonalDataAudit.Field.idNumberSearch, why, p == null ? List.of() : List.of(p)));
    }

    @Query
    @Description("Exact search by phone (through its keyed hash), within your jurisdiction, with a reason: audited like a full "
            + "read and limited per caller (RATE_LIMITED)")
    public Uni<@NonNull PersonConnection> personsByPhone(@NonNull String phone, @NonNull String reason, Integer first, String after) {
        int n = org.wangge.common.Paging.first(first);
        Long afterId = PersonConnection.after(after);
        Caller caller = currentCaller.get();
        caller.requireRole(Roles.COMMANDER, Roles.GRID_CHIEF, Roles.GRID_WORKER);
        String why = PersonalDataAudit.reason(reason);
        searchRate.take(caller.subject());
        String normalised = IdNumbers.normalisePhone(phone);
        return people.byPhoneHash(pii.hash(normalised)).chain(list -> {
            List<Person> visible = list.stream().filter(p -> p.visibleTo(caller)).toList();
            return audit.searched(caller, PersonalDataAudit.Field.phoneSearch, why, visible)
                    // the search is audited whole; the answer is a page of it, by id
                    .replaceWith(() -> new PersonConnection(org.wangge.common.Page.of(visible.stream()
                            .filter(p -> afterId == null || p.dbId > afterId)
                            .sorted(java.util.Comparator.comparingLong(p -> p.dbId)).toList(), n, after), visible.size()));
        });
    }

    @Query
    @Description("The caller's own resident record, if linked to their login")
    public Uni<Person> myPerson() {
        Caller caller = currentCaller.get();
        PersonFilter none = new PersonFilter();
        return people.searchPersons(Caller.of(caller.subject(), caller.name(), java.util.Set.of()), null, none, 1, null, false)
                .map(c -> c.nodes().isEmpty() ? null : c.nodes().get(0));
    }

    @Query
    @Description("The care-group catalogue (关爱/重点人群)")
    public Uni<@NonNull List<@NonNull CareCategory>> careCategories() {
        currentCaller.get();
        return people.careCategories();
    }

    @Query
    @Description("Care cases whose visit is overdue: a helper's (yours by default) and/or a grid subtree's")
    public Uni<@NonNull CareCaseConnection> overdueVisits(String helperSubject, @Id String gridId, Integer first, String after) {
        Caller caller = currentCaller.get();
        caller.requireAnywhere(Capability.CARE_READ);
        int limit = Paging.first(first);
        String helper = helperSubject == null && gridId == null ? caller.subject() : helperSubject;
        // a helper's list too shows only care cases the caller reads (CareCase rule)
        List<String> scope = caller.paths(Capability.CARE_READ);
        if (gridId != null) {
            return coveredGrid(caller, gridId).chain(g -> people.overdue(helper, g.path, scope, limit, after));
        }
        return people.overdue(helper, null, scope, limit, after);
    }

    @Query
    @Description("Households, residents, care groups and grid workers of a grid subtree")
    public Uni<@NonNull Coverage> coverage(@NonNull @Id String gridId) {
        Caller caller = currentCaller.get();
        return coveredGrid(caller, gridId).chain(g -> {
            caller.require(Capability.FIGURES_READ, g.path, g.id);
            return people.coverage(g.path);
        });
    }

    @Query
    @Description("The audit log of full personal-data reads and exact searches, newest first (admin only; it cannot be changed)")
    public Uni<@NonNull PersonalDataReadConnection> personalDataReads(@Id String personId, String actorSubject, Integer first, String after) {
        Caller caller = currentCaller.get();
        Long person = personId == null ? null : NodeType.PERSON.key("personId", personId);
        int size = Paging.first(first);
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin may read the personal-data audit log");
        }
        return people.personalDataReads(person, actorSubject, size, after);
    }

    // ---- fields ----

    // A grid's households and residents, as far as the caller may read them (the same rules as the
    // root lists; a grid outside them answers an empty page rather than an error).

    @NonNull
    @Name("households")
    @Description("Households in this grid and everything below it that you may read, by id")
    public Uni<List<@NonNull HouseholdConnection>> gridHouseholds(@Source List<Grid> grids, String addressPrefix, Integer first, String after) {
        return Async.defer(() -> people.householdsInSubtrees(currentCaller.get(), grids.stream().map(Grid::subtree).toList(), addressPrefix,
                Paging.first(first), after));
    }

    @NonNull
    @Name("persons")
    @Description("Residents in this grid and everything below it that you may read, filtered as the root persons list (its gridId is this grid)")
    public Uni<List<@NonNull PersonConnection>> gridPersons(@Source List<Grid> grids, PersonFilter filter, Integer first, String after) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            if (filter != null && filter.gridId != null) {
                throw ApiException.validation("filter.gridId", "a grid's residents are this grid's");
            }
            if (filter != null && filter.careCategory != null) {
                caller.requireAnywhere(Capability.CARE_READ);
            }
            return people.personsInSubtrees(caller, grids.stream().map(Grid::subtree).toList(), filter, Paging.first(first), after,
                    audit.mayReadBirthDates(caller));
        });
    }

    @Description("The full ID number. Needs a permitted role, your jurisdiction and a reason; every read is audited.")
    public Uni<String> idNumberFull(@Source Person person, @NonNull String reason) {
        return Async.defer(() -> audit.readFull(currentCaller.get(), person, PersonalDataAudit.Field.idNumber, reason));
    }

    @Description("The full phone number. Needs a permitted role, your jurisdiction and a reason; every read is audited.")
    public Uni<String> phoneFull(@Source Person person, @NonNull String reason) {
        return Async.defer(() -> audit.readFull(currentCaller.get(), person, PersonalDataAudit.Field.phone, reason));
    }

    @Description("Date of birth: only for roles that may read the ID number in full, within their jurisdiction, and for "
            + "your own record; null for others (they see birthYear)")
    public Uni<List<LocalDate>> birthDate(@Source List<Person> persons) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            return Uni.createFrom().item(persons.stream().map(p -> audit.mayReadBirthDate(caller, p) ? p.birth : null).toList());
        });
    }

    @Description("Year of birth")
    public Uni<List<Integer>> birthYear(@Source List<Person> persons) {
        return Uni.createFrom().item(persons.stream().map(p -> p.birth == null ? null : p.birth.getYear()).toList());
    }

    @Description("Age in whole years today to those who may see the birth date; to others the age reached this calendar year "
            + "(which says no more than birthYear)")
    public Uni<List<Integer>> age(@Source List<Person> persons) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            return Uni.createFrom().item(persons.stream().map(p -> audit.mayReadBirthDate(caller, p) ? p.exactAge : p.ageThisYear).toList());
        });
    }

    @Description("The current household")
    public Uni<List<Household>> household(@Source List<Person> persons) {
        List<Person> housed = persons.stream().filter(p -> p.householdId != null).toList();
        // a household is in its residents' county (V46)
        return people.households(housed.stream().map(p -> p.householdId).distinct().toList(), Counties.of(housed, p -> p.countyCode))
                .map(byId -> Batch.pick(persons, p -> p.householdId, byId));
    }

    @Description("Care cases, current and past; null unless you are staff covering the person or an admin")
    public Uni<List<List<@NonNull CareCase>>> careCases(@Source List<Person> persons) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            return Batch.onlyFor(persons, p -> caller.may(Capability.CARE_READ, p.gridPath), (List<CareCase>) null, people::careCases);
        });
    }

    @NonNull
    @Description("The leaf grid the household belongs to")
    public Uni<List<@NonNull Grid>> grid(@Source List<Household> households) {
        return grids.byIds(households.stream().map(h -> h.gridId).distinct().toList())
                .map(byId -> Batch.pick(households, h -> h.gridId, byId));
    }

    @Description("The head of the household (户主)")
    public Uni<List<Person>> head(@Source List<Household> households) {
        return people.persons(households.stream().map(h -> h.householderId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(households, h -> h.householderId, byId));
    }

    @NonNull
    @Description("Current members, householder first")
    public Uni<List<@NonNull List<@NonNull Person>>> members(@Source List<Household> households) {
        return people.members(households);
    }

    @NonNull
    @Description("The latest visits, newest first")
    public Uni<List<@NonNull List<@NonNull Visit>>> visits(@Source List<Household> households, @DefaultValue("10") int last) {
        return Async.defer(() -> {
            if (last < 1 || last > 100) {
                throw ApiException.validation("last", "last must be between 1 and 100");
            }
            return people.visits(households, last);
        });
    }

    @NonNull
    @Description("Which grids the household belonged to, oldest first")
    public Uni<List<@NonNull List<HistoryPeriod.@NonNull GridPeriod>>> gridHistory(@Source List<Household> households) {
        return people.history(households.stream().map(h -> h.dbId).toList(), true, HistoryPeriod.GridPeriod::new);
    }

    @NonNull
    @Description("Which households the person belonged to, oldest first")
    public Uni<List<@NonNull List<HistoryPeriod.@NonNull HouseholdPeriod>>> memberships(@Source List<Person> persons) {
        return people.history(persons.stream().map(p -> p.dbId).toList(), false, HistoryPeriod.HouseholdPeriod::new);
    }

    @NonNull
    @Description("The grid of this period")
    @org.eclipse.microprofile.graphql.Name("grid")
    public Uni<List<@NonNull Grid>> periodGrid(@Source List<HistoryPeriod.GridPeriod> periods) {
        return grids.byIds(periods.stream().map(h -> h.targetId).distinct().toList())
                .map(byId -> Batch.pick(periods, h -> h.targetId, byId));
    }

    @Description("The household of this period; null when it is not one you may see")
    @org.eclipse.microprofile.graphql.Name("household")
    public Uni<List<Household>> periodHousehold(@Source List<HistoryPeriod.HouseholdPeriod> periods) {
        return people.households(periods.stream().map(h -> h.targetId).distinct().toList())
                .map(byId -> Batch.pick(periods, h -> h.targetId, byId));
    }

    @NonNull
    @Description("The person in care")
    public Uni<List<@NonNull Person>> person(@Source List<CareCase> cases) {
        return people.persons(cases.stream().map(c -> c.personId).distinct().toList())
                .map(byId -> Batch.pick(cases, c -> c.personId, byId));
    }

    // ---- mutations ----

    @Mutation
    @Description("Register a household at an address in a leaf grid")
    public Uni<@NonNull Household> createHousehold(@NonNull PeopleInputs.HouseholdData input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.createHousehold(caller, input, idempotencyKey).chain(people::household);
    }

    @Mutation
    public Uni<@NonNull Household> updateHousehold(@NonNull @Id String id, @NonNull PeopleInputs.HouseholdData input) {
        Caller caller = currentCaller.get();
        if (input.gridId != null) {
            throw ApiException.validation("gridId", "Use moveHousehold to change a household's grid");
        }
        return service.updateHousehold(caller, NodeType.HOUSEHOLD.key("id", id), input).chain(people::household);
    }

    @Mutation
    @Description("Move a household to another leaf grid; its history keeps the old one")
    public Uni<@NonNull Household> moveHousehold(@NonNull @Id String id, @NonNull @Id String gridId, Integer version) {
        Caller caller = currentCaller.get();
        return service.moveHousehold(caller, NodeType.HOUSEHOLD.key("id", id), NodeType.GRID.key("gridId", gridId), version).chain(people::household);
    }

    @Mutation
    @Description("Register a resident in a household. A resident ID is checked (format, date, check digit).")
    public Uni<@NonNull Person> registerPerson(@NonNull PeopleInputs.PersonData input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.registerPerson(caller, input, idempotencyKey).chain(people::person);
    }

    @Mutation
    public Uni<@NonNull Person> updatePerson(@NonNull @Id String id, @NonNull PeopleInputs.PersonData input) {
        Caller caller = currentCaller.get();
        return service.updatePerson(caller, NodeType.PERSON.key("id", id), input).chain(people::person);
    }

    @Mutation
    @Description("Move a resident into another household (membership history is kept)")
    public Uni<@NonNull Person> transferPerson(@NonNull @Id String personId, @NonNull @Id String householdId, Relation relation) {
        Caller caller = currentCaller.get();
        return service.transferPerson(caller, NodeType.PERSON.key("personId", personId), NodeType.HOUSEHOLD.key("householdId", householdId), relation)
                .chain(people::person);
    }

    @Mutation
    @Description("Put a resident in a care group with a one-to-one helper and a visit interval")
    public Uni<@NonNull CareCase> addCareCase(@NonNull PeopleInputs.CareCaseData input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.addCareCase(caller, input, idempotencyKey).chain(people::careCase);
    }

    @Mutation
    public Uni<@NonNull CareCase> endCareCase(@NonNull @Id String id, LocalDate endDate) {
        Caller caller = currentCaller.get();
        return service.endCareCase(caller, NodeType.CARE_CASE.key("id", id), endDate).chain(people::careCase);
    }

    @Mutation
    @Description("Record a home visit (入户走访) by the caller")
    public Uni<@NonNull Visit> recordVisit(@NonNull PeopleInputs.VisitData input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return visits.recordVisit(caller, input, idempotencyKey).chain(people::visit);
    }

    private Uni<Grid> coveredGrid(Caller caller, String gridId) {
        long id = NodeType.GRID.key("gridId", gridId);
        return grids.byId(id).map(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.requireCovers(g.path, g.id);
            return g;
        });
    }
}
