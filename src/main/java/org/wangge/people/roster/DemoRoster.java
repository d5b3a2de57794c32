package org.wangge.people.roster;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/**
 * Dev mode: the demo county gets its residents from the sample roster the first time, and once
 * they are in, its houses, tenancies, units and inspections (db/demo's {@code demo_base_data()}).
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoRoster {

    private static final Logger LOG = Logger.getLogger(DemoRoster.class);
    private static final Path SAMPLE = Path.of("samples", "roster-sample.csv");

    void load(@Observes StartupEvent started, RosterImporter importer) throws IOException {
        long persons = Tx.run(tx -> tx.one("SELECT count(*) FROM person", Long.class)).await().indefinitely();
        if (persons > 0) {
            baseData().subscribe().with(done -> { }, failed -> LOG.warn("Demo base data not made", failed));
            return;
        }
        if (!Files.exists(SAMPLE)) {
            return;
        }
        UUID job = importer.start(Caller.of("admin", "demo", Set.of(Roles.ADMIN)), SAMPLE.toString(), SAMPLE, RosterFile.Format.CSV);
        LOG.info("Importing the demo residents from " + SAMPLE);
        Multi.createBy().repeating().uni(() -> Tx.run(tx -> tx.one("SELECT status FROM import_job WHERE id = $1", String.class, job)))
                .withDelay(Duration.ofSeconds(1)).atMost(600)
                .filter(status -> status.equals("SUCCEEDED") || status.equals("FAILED")).toUni()
                .chain(this::baseData)
                .subscribe().with(done -> LOG.info("Demo houses, tenancies and units made"), failed -> LOG.warn("Demo base data not made", failed));
    }

    /** Houses, tenancies and units for the demo residents (once: the function does nothing when they exist). */
    private Uni<Void> baseData() {
        return Tx.run(tx -> tx.rows("SELECT demo_base_data()")).replaceWithVoid();
    }
}
