package org.wangge.people.roster;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.wangge.common.ApiException;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.common.NodeType;

/**
 * Upload of a roster (XLSX or CSV) for import. Protected like the graph (bearer token, staff
 * roles, and each row checked against the uploader's jurisdiction); answers 202 with the job
 * id, whose progress the graph reports (importJob, importJobProgress).
 */
@Path("/import/roster")
public class RosterResource {

    private final CurrentCaller currentCaller;
    private final RosterImporter importer;
    private final MemorySize maxExpanded;
    private final int maxRatio;

    public RosterResource(CurrentCaller currentCaller, RosterImporter importer,
            ImportSettings settings) {
        this.currentCaller = currentCaller;
        this.importer = importer;
        this.maxExpanded = settings.xlsxMaxExpanded();
        this.maxRatio = settings.xlsxMaxRatio();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file) throws IOException {
        Caller caller = currentCaller.get();
        caller.requireAnywhere(org.wangge.security.Capability.RESIDENTS_WRITE);
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.validation("file", "Send the roster as the multipart field 'file'");
        }
        RosterFile.Format format;
        try {
            format = RosterFile.sniff(file.uploadedFile());
            if (format == RosterFile.Format.XLSX) {
                RosterFile.checkExpansion(file.uploadedFile(), maxExpanded.asLongValue(), maxRatio);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("file", e.getMessage());
        }
        // The upload is removed after the request; the job keeps its own copy until it ends.
        UUID job = importer.start(caller, file.fileName(), file.uploadedFile(), format);
        return Response.accepted(Map.of("jobId", NodeType.IMPORT_JOB.id(job), "status", "QUEUED", "format", format.name())).build();
    }
}
