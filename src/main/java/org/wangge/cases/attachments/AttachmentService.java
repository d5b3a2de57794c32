package org.wangge.cases.attachments;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.wangge.common.Idempotency;
import org.wangge.common.Tx;

/** Records a stored attachment on its case: one row, appended, one statement in its transaction. */
@ApplicationScoped
public class AttachmentService {

    /** Records the attachment of a case or a finding; with a key, once: a retry's record is the first one's (same id). */
    public Uni<Void> record(UUID id, Owner owner, String fileName, String contentType, long size, String storageKey, String uploadedBy,
            Idempotency.Key key) {
        return Tx.run(tx -> Idempotency.once(tx, key, owner.key(), () -> tx.update("""
                INSERT INTO case_attachment (id, case_id, finding_id, file_name, content_type, size_bytes, storage_key, uploaded_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""", id, owner.finding() ? null : owner.key(), owner.finding() ? owner.key() : null,
                fileName, contentType, size, storageKey, uploadedBy).replaceWith(owner.key()))).replaceWithVoid();
    }

    /** What an attachment is sent for: a case, or an inspection finding. */
    public record Owner(boolean finding, long key) {
    }
}
