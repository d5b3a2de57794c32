package org.wangge.people.roster;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Roster imports: how many may wait, and what an XLSX file may expand to. */
@ConfigMapping(prefix = "wangge.import")
public interface ImportSettings {

    /** Imports queued per instance beyond the running one; more are refused with BUSY. */
    @WithDefault("4")
    int maxQueued();

    /** Largest uncompressed size of an XLSX's parts. */
    @WithDefault("1G")
    MemorySize xlsxMaxExpanded();

    /** Largest compression ratio of an XLSX's part (zip bombs). */
    @WithDefault("100")
    int xlsxMaxRatio();
}
