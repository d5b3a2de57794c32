package org.wangge.cases.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where attachment bytes live: the file system (the default) or an object store speaking the S3
 * API ({@code wangge.storage.kind}), chosen by {@link AttachmentStores}.
 */
public interface AttachmentStore {

    /** Stores the file under the key (the source file is left as it is). */
    void put(String key, Path source) throws IOException;

    /** Opens the stored bytes; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /**
     * An address the store itself serves the bytes from for a while, with the file name and type
     * the download should carry; empty when downloads go through wangge.
     */
    default Optional<URI> downloadAddress(String key, String fileName, String contentType, Duration lifetime) {
        return Optional.empty();
    }
}
