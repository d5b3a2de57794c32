package org.wangge.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.TestDb;

/** The test profile expires points after one year. */
@QuarkusTest
class PointsExpiryTest {

    @Inject
    Pool pool;
    @Inject
    PointsExpiry expiry;

    @Test
    void pointsOlderThanThePolicyExpireUnlessSpentAndOnlyOnce() {
        String who = Fixtures.code("old-points");
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ($1, $1)", who);
        TestDb.rows(pool, "INSERT INTO points_account (subject, balance) VALUES ($1, 35)", who);
        TestDb.rows(pool, """
                INSERT INTO points_entry (subject, amount, balance_after, reason, created_at) VALUES
                  ($1, 30, 30, 'VOLUNTEERING', now() - interval '2 years'),
                  ($1, 10, 40, 'GOOD_DEED', now() - interval '1 month'),
                  ($1, -5, 35, 'REDEMPTION', now() - interval '1 day')""", who);
        expiry.run().await().indefinitely();
        // 30 earned two years ago, 5 of them spent: 25 expire, the recent 10 stay
        assertEquals(10, TestDb.count(pool, "SELECT balance FROM points_account WHERE subject = $1", who));
        assertEquals(-25, TestDb.count(pool, "SELECT amount FROM points_entry WHERE subject = $1 AND reason = 'EXPIRY'", who));
        expiry.run().await().indefinitely();
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM points_entry WHERE subject = $1 AND reason = 'EXPIRY'", who));
        assertEquals(10, TestDb.count(pool, "SELECT coalesce(sum(amount), 0) FROM points_entry WHERE subject = $1", who));
    }
}
