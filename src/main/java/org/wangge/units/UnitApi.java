package org.wangge.units;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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
import org.wangge.cases.CaseFile;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Batch;
import org.wangge.common.NodeType;
import org.wangge.common.Paging;
import org.wangge.grid.Grid;
import org.wangge.people.Coverage;
import org.wangge.people.PeopleReader;
import org.wangge.people.Person;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;

/** 实有单位: businesses and organisations at standard addresses, their risk tags and figures. */
@GraphQLApi
public class UnitApi {

    private final UnitReader units;
    private final UnitService service;
    private final AddressReader addresses;
    private final PeopleReader people;
    private final CurrentCaller currentCaller;

    public UnitApi(UnitReader units, UnitService service, AddressReader addresses, PeopleReader people, CurrentCaller currentCaller) {
        this.units = units;
        this.service = service;
        this.addresses = addresses;
        this.people = people;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("A unit where you read the residents. One elsewhere is NOT_FOUND, as one that does not exist.")
    public Uni<Unit> unit(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return units.byId(NodeType.UNIT.key("id", id)).map(u -> {
            if (u == null || !u.visibleTo(caller)) {
                throw ApiException.notFound("Unit", id);
            }
            return u;
        });
    }

    @Query
    @Description("The unit with this 统一社会信用代码 where you read the residents, or null; an invalid code is VALIDATION")
    public Uni<Unit> unitByCreditCode(@NonNull String creditCode) {
        Caller caller = currentCaller.get();
        String code = CreditCodes.normalised(creditCode);
        if (code == null) {
            throw ApiException.validation("creditCode", "Not a 统一社会信用代码 (18 characters with a matching check character)");
        }
        return units.byCreditCode(code).map(u -> u == null || !u.visibleTo(caller) ? null : u);
    }

    @Query
    @Description("The risk tags units may carry, with how often a unit with each is inspected")
    public Uni<@NonNull List<@NonNull RiskTag>> unitRiskTags() {
        currentCaller.get();
        return units.riskTags();
    }

    @NonNull
    @Name("units")
    @Description("Units in this grid and everything below it, by id: of one kind, with one risk tag, due (or not due) for an inspection, "
            + "as given; empty where you read no residents")
    public Uni<List<@NonNull UnitConnection>> gridUnits(@Source List<Grid> of, UnitKind kind, String riskTag,
            @Description("true: only units with a risk tag not inspected within its interval; false: only the others") Boolean inspectionDue,
            Integer first, String after) {
        return Async.defer(() -> {
            Caller caller = currentCaller.get();
            int limit = Paging.first(first);
            return Batch.onlyFor(of, g -> caller.may(Capability.RESIDENTS_READ, g.path), UnitConnection.empty(),
                    visible -> units.inSubtrees(visible.stream().map(g -> g.path).toList(), kind, riskTag, inspectionDue, limit, after));
        });
    }

    @NonNull
    @Description("Where the unit is")
    public Uni<List<@NonNull Address>> address(@Source List<Unit> of) {
        return addresses.byIds(of.stream().map(u -> u.addressId).distinct().toList()).map(byId -> Batch.pick(of, u -> u.addressId, byId));
    }

    @Description("法定代表人 / 负责人, a resident (masked as every resident)")
    public Uni<List<Person>> legalRepresentative(@Source List<Unit> of) {
        return people.persons(of.stream().map(u -> u.legalPersonId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, u -> u.legalPersonId, byId));
    }

    @Description("联系人, a resident (masked as every resident)")
    public Uni<List<Person>> contact(@Source List<Unit> of) {
        return people.persons(of.stream().map(u -> u.contactPersonId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, u -> u.contactPersonId, byId));
    }

    @NonNull
    public Uni<List<@NonNull List<@NonNull RiskTag>>> riskTags(@Source List<Unit> of) {
        return units.riskTags().map(all -> {
            Map<String, RiskTag> byCode = all.stream().collect(Collectors.toMap(t -> t.code, t -> t));
            return of.stream().map(u -> u.riskTagCodes.stream().map(byCode::get).filter(Objects::nonNull).toList()).toList();
        });
    }

    @Description("When its next inspection is due: the earliest over its risk tags (the last inspection against the tag's checklist, "
            + "or its registration, plus the tag's interval); null without a risk tag")
    public Uni<List<OffsetDateTime>> nextInspectionDue(@Source List<Unit> of) {
        return units.nextDue(of.stream().map(u -> u.dbId).toList()).map(due -> of.stream().map(u -> due.get(u.dbId)).toList());
    }

    @Name("unit")
    @Description("The unit the case is about, when it was opened from an inspection finding")
    public Uni<List<Unit>> caseUnit(@Source List<CaseFile> of) {
        return units.byIds(of.stream().map(c -> c.unitId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, c -> c.unitId, byId));
    }

    @NonNull
    @Name("units")
    @Description("The subtree's units: by kind, by risk tag, and how many are due for an inspection")
    public Uni<@NonNull UnitFigures> coverageUnits(@Source Coverage coverage) {
        return units.figures(coverage.rootPath);
    }

    @Mutation
    @Description("Register a unit at a standard address (staff who register residents there); a credit code registered already is a CONFLICT")
    public Uni<@NonNull Unit> registerUnit(@NonNull UnitInputs.UnitData input) {
        return service.register(currentCaller.get(), input).chain(units::byId);
    }

    @Mutation
    @Description("Change a unit: every field as given, from the version read (a change made meanwhile is a CONFLICT)")
    public Uni<@NonNull Unit> updateUnit(@NonNull @Id String id, @NonNull Integer version, @NonNull UnitInputs.UnitData input) {
        return service.update(currentCaller.get(), id, version, input).chain(units::byId);
    }
}
