package org.wangge.cases;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Possible duplicates by place. */
@ConfigMapping(prefix = "wangge.cases.nearby")
public interface NearbySettings {

    /** Open cases of the same kind this close to a case's point are possible duplicates, in metres. */
    @WithDefault("50")
    int radiusMeters();
}
