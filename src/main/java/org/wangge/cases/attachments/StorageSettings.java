package org.wangge.cases.attachments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where attachments are kept and how their download addresses are signed. */
@ConfigMapping(prefix = "wangge.storage")
public interface StorageSettings {

    /** The store: FILE_SYSTEM (one box, or a shared volume) or S3 (an object store speaking the S3 API). */
    @WithDefault("FILE_SYSTEM")
    Kind kind();

    enum Kind {
        FILE_SYSTEM, S3
    }

    /** Directory of the file-system store (shared by all instances). */
    String dir();

    /** HMAC key (base64, at least 32 bytes) signing download addresses. */
    String urlKey();

    /** How long a download address stays valid. */
    @WithDefault("PT15M")
    Duration urlLifetime();

    S3 s3();

    /**
     * The object store. Government clouds' stores speak the S3 API with their own conventions:
     * MinIO and Ceph want path-style addresses; Aliyun OSS wants virtual-hosted addresses and no
     * chunked (aws-chunked) uploads.
     */
    interface S3 {
        /** The store's address (none: AWS's own for the region). */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** The bucket, which must exist. */
        Optional<String> bucket();

        /** Objects under this prefix, e.g. a county's code and a slash (none: at the bucket's root). */
        Optional<String> prefix();

        /** bucket in the path (https://host/bucket/key) rather than the host name. */
        @WithDefault("false")
        boolean pathStyle();

        /** Uploads signed chunk by chunk (aws-chunked); off for stores that refuse it. */
        @WithDefault("true")
        boolean chunkedEncoding();

        /** Access key; with the secret key, else the SDK's default credentials (environment, profile, instance role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /**
         * Downloads redirected to an address the store signs (valid for the download address's
         * lifetime, at most), so the bytes do not pass through wangge; off: wangge streams them.
         */
        @WithDefault("false")
        boolean presignedDownloads();
    }
}
