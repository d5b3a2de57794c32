package org.wangge.people.roster;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.jboss.logging.Logger;
import org.wangge.common.Sql;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/** Dev mode: the demo county gets its residents from the sample roster the first time. */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoRoster {

    private static final Logger LOG = Logger.getLogger(DemoRoster.class);
    private static final Path SAMPLE = Path.of("samples", "roster-sample.csv");

    void load(@Observes StartupEvent started, Sql sql, RosterImporter importer) throws IOException {
        long persons = sql.one("SELECT count(*) FROM person", Tuple.tuple(), row -> row.getLong(0)).await().indefinitely();
        if (persons > 0 || !Files.exists(SAMPLE)) {
            return;
        }
        importer.start(Caller.of("admin", "demo", Set.of(Roles.ADMIN)), SAMPLE.toString(), SAMPLE, RosterFile.Format.CSV);
        LOG.info("Importing the demo residents from " + SAMPLE);
    }
}
