package org.wangge.people.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wangge.TestDb;

/** Only a job whose instance stopped refreshing it is given up, whatever its age. */
@QuarkusTest
class AbandonedImportTest {

    @Inject
    Pool pool;
    @Inject
    RosterImporter importer;

    @Test
    void jobsOfAStoppedInstanceFailOthersRunOn() {
        UUID abandoned = UUID.randomUUID();
        UUID alive = UUID.randomUUID();
        TestDb.rows(pool, """
                INSERT INTO import_job (id, kind, created_by, status, runner, created_at, heartbeat_at) VALUES
                  ($1, 'ROSTER', 'x', 'RUNNING', 'gone', now() - interval '1 hour', now() - interval '10 minutes'),
                  ($2, 'ROSTER', 'x', 'RUNNING', 'elsewhere', now() - interval '1 hour', now() - interval '10 seconds')""", abandoned, alive);
        importer.failAbandoned().await().indefinitely();
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM import_job WHERE id = $1 AND status = 'FAILED'", abandoned));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM import_job WHERE id = $1 AND status = 'RUNNING'", alive));
    }
}
