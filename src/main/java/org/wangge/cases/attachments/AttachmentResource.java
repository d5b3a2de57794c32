package org.wangge.cases.attachments;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.wangge.cases.CaseReader;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.ErrorCode;
import org.wangge.common.Idempotency;
import org.wangge.people.PersonalData;
import org.wangge.platform.RequestIds;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;
import org.wangge.common.NodeType;

/**
 * Photos and short videos of a case (随手拍): uploaded by anyone who may see the case while it
 * is open, checked by content (not by name), size-limited per type; downloaded through signed
 * addresses from the graph.
 */
@Path("/")
@Blocking
public class AttachmentResource {

    private final CurrentCaller currentCaller;
    private final CaseReader cases;
    private static final Logger LOG = Logger.getLogger(AttachmentResource.class);

    private final AttachmentStore store;
    private final DownloadLinks links;
    private final AttachmentReader attachments;
    private final AttachmentService service;
    private final PersonalData pii;

    public AttachmentResource(CurrentCaller currentCaller, CaseReader cases, AttachmentStore store, DownloadLinks links,
            AttachmentReader attachments, AttachmentService service, PersonalData pii) {
        this.pii = pii;
        this.currentCaller = currentCaller;
        this.cases = cases;
        this.store = store;
        this.links = links;
        this.attachments = attachments;
        this.service = service;
    }

    @POST
    @Path("cases/{caseId}/attachments")
    @Consumes(jakarta.ws.rs.core.MediaType.MULTIPART_FORM_DATA)
    @Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("caseId") String caseId, @RestForm("file") FileUpload file,
            @HeaderParam("Idempotency-Key") String idempotencyKey) throws IOException {
        Caller caller = currentCaller.get();
        long id = NodeType.CASE_FILE.key("caseId", caseId);
        var found = cases.byId(caller, id).await().indefinitely();
        if (found == null) {
            // out of reach or absent: the same answer
            throw ApiException.notFound("Case", id);
        }
        if (found.state.name().equals("CLOSED") || found.state.name().equals("REJECTED") || found.state.name().equals("WITHDRAWN")) {
            throw new ApiException(ErrorCode.INVALID_TRANSITION, "A case that is " + found.state + " takes no more attachments")
                    .with("state", found.state.name());
        }
        return store(caller, new AttachmentService.Owner(false, id), file, idempotencyKey);
    }

    /** A photo of an inspection finding, by staff who record inspections where its unit lies; once it has its case, the case takes them. */
    @POST
    @Path("findings/{findingId}/attachments")
    @Consumes(jakarta.ws.rs.core.MediaType.MULTIPART_FORM_DATA)
    @Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    public Response uploadForFinding(@PathParam("findingId") String findingId, @RestForm("file") FileUpload file,
            @HeaderParam("Idempotency-Key") String idempotencyKey) throws IOException {
        Caller caller = currentCaller.get();
        long id = NodeType.INSPECTION_FINDING.key("findingId", findingId);
        AttachmentReader.Finding found = attachments.finding(id).await().indefinitely();
        if (found == null || !caller.may(Capability.RESIDENTS_READ, found.gridPath())) {
            throw ApiException.notFound("InspectionFinding", findingId);
        }
        caller.require(Capability.VISITS_WRITE, found.gridPath(), findingId);
        if (found.caseId() != null) {
            throw ApiException.conflict("The finding has its case: attach the photo to the case").with("caseId",
                    NodeType.CASE_FILE.id(found.caseId()));
        }
        if (found.resolved()) {
            throw ApiException.conflict("The finding has been put right; it takes no more photos");
        }
        return store(caller, new AttachmentService.Owner(true, id), file, idempotencyKey);
    }

    /** Checks, stores and records the file for its owner: once per Idempotency-Key. */
    private Response store(Caller caller, AttachmentService.Owner owner, FileUpload file, String idempotencyKey) throws IOException {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.validation("file", "Send the photo or video as the multipart field 'file'");
        }
        MediaType type = MediaType.sniff(file.uploadedFile());
        if (type == null) {
            return refuse(415, "Only JPEG, PNG or WebP photos and MP4 or QuickTime videos are accepted (the content decides, not the name)");
        }
        long size = Files.size(file.uploadedFile());
        if (size > type.maxBytes) {
            return refuse(413, "A " + type.contentType + " file may be at most " + type.maxBytes / (1024 * 1024) + " MB");
        }
        // a retry (same Idempotency-Key) is the same attachment: its id comes from the caller and key, and it is
        // stored and recorded once; the same key with another file or owner is refused
        String ownerKey = (owner.finding() ? "f" : "") + owner.key();
        Idempotency.Key retry = Idempotency.of(caller.subject(), idempotencyKey, "uploadAttachment",
                List.of(ownerKey, sha256(file.uploadedFile())), pii::hash);
        UUID attachment = retry == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((caller.subject() + '\n' + retry.key()).getBytes(StandardCharsets.UTF_8));
        List<Object[]> earlier = retry == null ? List.of() : attachments.idempotencyKey(caller.subject(), retry.key()).await().indefinitely();
        if (!earlier.isEmpty()) {
            Idempotency.earlier(retry, earlier); // refuses another file or owner under this key
            return Response.status(201).entity(Map.of("id", NodeType.ATTACHMENT.id(attachment), "contentType", type.contentType,
                    "sizeBytes", size, "url", links.url(attachment.toString()))).build();
        }
        // with a key, the file's name carries its fingerprint: another file under the same key never overwrites it
        String key = ownerKey + "/" + attachment + (retry == null ? "" : "." + retry.fingerprint().substring(0, 16));
        try {
            store.put(key, file.uploadedFile());
        } catch (IOException e) {
            // nothing recorded yet: the same request again stores and records it once
            LOG.warnf(e, "The attachment store did not take %s", key);
            throw new ApiException(ErrorCode.BUSY, "The attachment store did not take the file; send it again");
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? attachment.toString() : file.fileName().strip();
        service.record(attachment, owner, name.length() > 300 ? name.substring(0, 300) : name, type.contentType, size, key, caller.subject(), retry)
                .await().indefinitely();
        return Response.status(201).entity(Map.of("id", NodeType.ATTACHMENT.id(attachment), "contentType", type.contentType,
                "sizeBytes", size, "url", links.url(attachment.toString()))).build();
    }

    @GET
    @Path("attachments/{id}")
    public Response download(@PathParam("id") String id, @QueryParam("expires") long expires, @QueryParam("sig") String sig)
            throws IOException {
        UUID attachment;
        try {
            attachment = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return refuse(404, "No such attachment");
        }
        if (!links.valid(attachment.toString(), expires, sig)) {
            return refuse(403, "The download address is invalid or has expired; ask the graph for a new one");
        }
        AttachmentReader.Stored row = attachments.stored(attachment).await().indefinitely();
        if (row == null) {
            return refuse(404, "No such attachment");
        }
        java.util.Optional<java.net.URI> elsewhere = store.downloadAddress(row.storageKey(), row.fileName(), row.contentType(),
                links.remaining(expires));
        if (elsewhere.isPresent()) {
            // the object store serves the bytes, for no longer than this address is valid
            return Response.status(302).location(elsewhere.get()).header("Cache-Control", "no-store").build();
        }
        InputStream body;
        try {
            body = store.open(row.storageKey());
        } catch (java.nio.file.NoSuchFileException e) {
            LOG.warnf("Attachment %s is recorded but its bytes are not in the store (%s)", attachment, row.storageKey());
            return refuse(404, "No such attachment");
        } catch (IOException e) {
            LOG.warnf(e, "The attachment store did not give %s", row.storageKey());
            throw new ApiException(ErrorCode.BUSY, "The attachment store is not answering; try again");
        }
        String encoded = URLEncoder.encode(row.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, row.contentType())
                .header("Content-Length", row.sizeBytes())
                .header("Content-Disposition", "inline; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=600")
                .build();
    }

    private static String sha256(java.nio.file.Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response refuse(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>(
                Map.of("code", status == 403 ? "FORBIDDEN" : status == 404 ? "NOT_FOUND" : "VALIDATION", "field", "file", "message", message));
        String requestId = RequestIds.current();
        if (requestId != null) {
            body.put(RequestIds.KEY, requestId);
        }
        return Response.status(status).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON).entity(body).build();
    }
}
