package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.wangge.TestDb;

/** A snapshot read sees one moment across its statements (what a ledger streamed page by page relies on). */
@QuarkusTest
class SnapshotReadTest {

    @Inject
    Sql sql;
    @Inject
    Pool pool;

    @Test
    void statementsOfOneSnapshotSeeTheMomentItBegan() {
        String subject = "snapshot-" + System.nanoTime();
        String count = "SELECT count(*) FROM account WHERE subject LIKE $1";
        try (Sql.Snapshot read = sql.snapshot().await().indefinitely()) {
            long before = read.list(count, Tuple.of(subject + "%"), row -> row.getLong(0)).await().indefinitely().get(0);
            TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ($1, '快照')", subject + "-a");
            assertEquals(before, read.list(count, Tuple.of(subject + "%"), row -> row.getLong(0)).await().indefinitely().get(0),
                    "a row committed meanwhile is not seen");
        }
        assertEquals(1L, sql.one(count, Tuple.of(subject + "%"), row -> row.getLong(0)).await().indefinitely(), "outside it, it is");
    }
}
