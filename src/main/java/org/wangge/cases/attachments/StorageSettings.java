package org.wangge.cases.attachments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where attachments are kept and how their download addresses are signed. */
@ConfigMapping(prefix = "wangge.storage")
public interface StorageSettings {

    /** Directory of the file-system store (shared by all instances). */
    String dir();

    /** HMAC key (base64, at least 32 bytes) signing download addresses. */
    String urlKey();

    /** How long a download address stays valid. */
    @WithDefault("PT15M")
    Duration urlLifetime();
}
