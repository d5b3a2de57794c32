package org.wangge.units;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.cases.CaseFile;
import org.wangge.cases.CaseReader;
import org.wangge.cases.Priority;
import org.wangge.cases.attachments.Attachment;
import org.wangge.cases.attachments.AttachmentReader;
import org.wangge.common.ApiException;
import org.wangge.common.Batch;
import org.wangge.common.NodeType;
import org.wangge.security.CurrentCaller;

/** Inspections (检查) of units against checklists, their findings, and the cases findings open. */
@GraphQLApi
public class InspectionApi {

    private final InspectionReader inspections;
    private final InspectionService service;
    private final UnitReader units;
    private final CaseReader cases;
    private final AttachmentReader attachments;
    private final CurrentCaller currentCaller;

    public InspectionApi(InspectionReader inspections, InspectionService service, UnitReader units, CaseReader cases,
            AttachmentReader attachments, CurrentCaller currentCaller) {
        this.attachments = attachments;
        this.inspections = inspections;
        this.service = service;
        this.units = units;
        this.cases = cases;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("The checklists inspectors go through, with their items")
    public Uni<@NonNull List<@NonNull InspectionChecklist>> inspectionChecklists() {
        currentCaller.get();
        return inspections.checklists();
    }

    @NonNull
    @Description("Its latest inspections, newest first")
    public Uni<List<@NonNull List<@NonNull Inspection>>> inspections(@Source List<Unit> of, @DefaultValue("20") int last) {
        if (last < 1 || last > 100) {
            throw ApiException.validation("last", "last is 1 to 100");
        }
        return inspections.ofUnits(of, last);
    }

    @NonNull
    @Description("Findings not yet put right (隐患未整改), oldest first")
    public Uni<List<@NonNull List<@NonNull InspectionFinding>>> openFindings(@Source List<Unit> of) {
        return inspections.openFindings(of);
    }

    @NonNull
    @Description("The unit inspected")
    public Uni<List<@NonNull Unit>> unit(@Source List<Inspection> of) {
        return units.byIds(of.stream().map(i -> i.unitId).distinct().toList()).map(byId -> Batch.pick(of, i -> i.unitId, byId));
    }

    @NonNull
    @Description("The checklist gone through")
    public Uni<List<@NonNull InspectionChecklist>> checklist(@Source List<Inspection> of) {
        return inspections.checklists().map(all -> {
            Map<String, InspectionChecklist> byCode = all.stream().collect(Collectors.toMap(l -> l.code, l -> l));
            return of.stream().map(i -> byCode.get(i.checklistCode)).toList();
        });
    }

    @NonNull
    @Description("The items that failed, in checklist order (none: it passed)")
    public Uni<List<@NonNull List<@NonNull InspectionFinding>>> findings(@Source List<Inspection> of) {
        return inspections.findings(of);
    }

    @NonNull
    @Description("The inspection it was found at")
    public Uni<List<@NonNull Inspection>> inspection(@Source List<InspectionFinding> of) {
        return inspections.inspections(of.stream().map(f -> f.inspectionId).distinct().toList())
                .map(byId -> Batch.pick(of, f -> f.inspectionId, byId));
    }

    @NonNull
    @Description("The checklist item that failed")
    public Uni<List<InspectionChecklist.@NonNull CheckItem>> item(@Source List<InspectionFinding> of) {
        return inspections.checklists().map(all -> {
            Map<String, InspectionChecklist.CheckItem> byCode = all.stream().flatMap(l -> l.items.stream())
                    .collect(Collectors.toMap(i -> i.code, i -> i));
            return of.stream().map(f -> byCode.get(f.itemCode)).toList();
        });
    }

    @NonNull
    @Description("Photos of it, oldest first (POST /findings/{id}/attachments); they go with the case it opens")
    public Uni<List<@NonNull List<@NonNull Attachment>>> photos(@Source List<InspectionFinding> of) {
        return attachments.ofFindings(of.stream().map(f -> f.dbId).toList());
    }

    @Name("case")
    @Description("The case it opened, when it did (null too where you may not see the case)")
    public Uni<List<CaseFile>> findingCase(@Source List<InspectionFinding> of) {
        return cases.visible(currentCaller.get(), of.stream().map(f -> f.caseId).filter(Objects::nonNull).distinct().toList())
                .map(byId -> Batch.pick(of, f -> f.caseId, byId));
    }

    @Mutation
    @Description("Record an inspection of a unit by the caller (staff who record visits where it lies); its failed items are findings")
    public Uni<@NonNull Inspection> recordInspection(@NonNull UnitInputs.InspectionData input,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        return service.record(currentCaller.get(), input, idempotencyKey).chain(inspections::inspection);
    }

    @Mutation
    @Description("A finding put right on the spot (整改完成), with what was done; one that has a case is put right by its case")
    public Uni<@NonNull InspectionFinding> resolveFinding(@NonNull @Id String id, @NonNull String resolution) {
        return service.resolve(currentCaller.get(), id, resolution).chain(inspections::finding);
    }

    @Mutation
    @Description("Open the finding's case in one step (staff who report cases where the unit lies): of the checklist's kind and item, in the "
            + "unit's grid, naming the unit; once: a finding that has its case answers with it")
    public Uni<@NonNull CaseFile> openFindingCase(@NonNull @Id String id, Priority priority,
            @Description("A retry with the same key within 24 hours gets the first answer") String idempotencyKey) {
        return service.openCase(currentCaller.get(), id, priority, idempotencyKey);
    }
}
