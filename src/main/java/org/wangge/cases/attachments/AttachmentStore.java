package org.wangge.cases.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where attachment bytes live. The filesystem store is the default; an S3-compatible store can
 * take its place by implementing this and being selected as the bean.
 */
public interface AttachmentStore {

    /** Stores the file under the key (the source file is left as it is). */
    void put(String key, Path source) throws IOException;

    /** Opens the stored bytes; the caller closes the stream. */
    InputStream open(String key) throws IOException;
}
