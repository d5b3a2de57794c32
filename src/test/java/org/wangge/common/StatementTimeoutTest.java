package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.Keys;

/**
 * A statement that runs past wangge.db.statement-timeout (5 s) is cancelled by PostgreSQL and
 * answered as TIMEOUT. Here the statements wait on a lock the test holds, as they would behind
 * a long migration or a runaway transaction.
 */
@QuarkusTest
class StatementTimeoutTest {

    @Inject
    Pool pool;

    @Test
    void aStatementOverTheTimeoutIsCancelledAndAnsweredAsTimeout() {
        SqlConnection conn = pool.getConnection().await().indefinitely();
        Transaction tx = conn.begin().await().indefinitely();
        try {
            conn.query("LOCK TABLE department, shop IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            long start = System.nanoTime();
            Response read = Gql.admin().post("{ departments { id code } }");
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals("TIMEOUT", read.jsonPath().getString("errors[0].extensions.code"), read.asString());
            assertTrue(waited >= 4_500 && waited < 30_000, "cancelled after the timeout: " + waited + " ms");
            // a write in a transaction (Hibernate Reactive) the same
            Response write = Gql.admin().post("mutation { createShop(gridId: \"" + Keys.id("Grid", 3) + "\", name: \"超时的店\") { id } }");
            assertEquals("TIMEOUT", write.jsonPath().getString("errors[0].extensions.code"), write.asString());
        } finally {
            tx.rollback().await().indefinitely();
            conn.close().await().indefinitely();
        }
        // the lock gone, the same read answers
        Gql.admin().ok("{ departments { id code } }");
    }

    @Test
    void pooledConnectionsStartWithTheTimeoutAndWithoutJit() {
        var row = pool.query("SELECT current_setting('statement_timeout'), current_setting('jit')").execute().await().indefinitely()
                .iterator().next();
        assertEquals("5s", row.getString(0));
        // the compiled reads' statements would be JIT-compiled on every execution (DEVELOPERS.md, Limits)
        assertEquals("off", row.getString(1));
    }
}
