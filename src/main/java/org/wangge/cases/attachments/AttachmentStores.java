package org.wangge.cases.attachments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The attachment store the configuration names. */
@ApplicationScoped
public class AttachmentStores {

    /** Made at start-up, so a store set up wrongly (no bucket, half the credentials) stops the start, not an upload. */
    @Produces
    @ApplicationScoped
    @io.quarkus.runtime.Startup
    AttachmentStore store(StorageSettings storage) {
        return switch (storage.kind()) {
            case FILE_SYSTEM -> new FileSystemAttachmentStore(storage);
            case S3 -> new S3AttachmentStore(storage.s3());
        };
    }

    void close(@Disposes AttachmentStore store) {
        if (store instanceof S3AttachmentStore s3) {
            s3.close();
        }
    }
}
