package org.wangge.cases.catalogue;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.wangge.common.ApiException;
import org.wangge.people.roster.ImportSettings;
import org.wangge.people.roster.RosterFile;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

/**
 * Import of the catalogue (XLSX or CSV, see {@link CatalogueSheet}) by an admin. A few hundred
 * rows: read, checked and written while the request waits. A sheet with any problem is refused
 * whole, every problem listed with its line and column, and nothing is written.
 */
@Path("/import/catalogue")
public class CatalogueResource {

    private final CurrentCaller currentCaller;
    private final CatalogueService service;
    private final MemorySize maxExpanded;
    private final int maxRatio;

    public CatalogueResource(CurrentCaller currentCaller, CatalogueService service, ImportSettings settings) {
        this.currentCaller = currentCaller;
        this.service = service;
        this.maxExpanded = settings.xlsxMaxExpanded();
        this.maxRatio = settings.xlsxMaxRatio();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> upload(@RestForm("file") FileUpload file) throws IOException {
        Caller caller = currentCaller.get();
        caller.requireAdmin("imports the catalogue");
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.validation("file", "Send the catalogue as the multipart field 'file'");
        }
        CatalogueSheet sheet;
        try {
            RosterFile.Format format = RosterFile.sniff(file.uploadedFile());
            if (format == RosterFile.Format.XLSX) {
                RosterFile.checkExpansion(file.uploadedFile(), maxExpanded.asLongValue(), maxRatio);
            }
            sheet = CatalogueSheet.read(file.uploadedFile(), format);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("file", e.getMessage());
        }
        if (!sheet.problems.isEmpty()) {
            throw ApiException.validation("file", "The catalogue was not imported: " + sheet.problems.size() + " problem(s), nothing was written")
                    .with("problems", sheet.problems.stream().map(CatalogueSheet.Problem::asMap).toList());
        }
        CatalogueService.Imported done = service.replace(sheet).await().atMost(Duration.ofSeconds(60));
        return Map.of("kinds", done.kinds(), "items", done.items(), "limits", done.limits(), "retiredItems", done.retiredItems());
    }
}
