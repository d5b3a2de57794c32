package org.wangge.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** Expiry follows the policy of the shop nearest above the grid where the points were earned. */
@QuarkusTest
class PointsExpiryTest {

    static final Doc CREATE_SHOP = Doc.of("points/CreateShop");
    static final Doc SET_EXPIRY = Doc.of("points/SetShopExpiry");

    @Inject
    Pool pool;
    @Inject
    PointsExpiry expiry;

    @Test
    void eachShopsPolicyExpiresWhatWasEarnedInItsGridsUnlessSpentAndOnlyOnce() {
        // township shop: 1 year; a village under it has its own shop (3 years); another township has a shop without a policy
        String township = Fixtures.grid(null, "expiry-town", "TOWNSHIP");
        String village = Fixtures.grid(township, "expiry-village", "VILLAGE");
        String plainVillage = Fixtures.grid(township, "expiry-plain", "VILLAGE");
        String otherTownship = Fixtures.grid(null, "no-expiry-town", "TOWNSHIP");
        String townShop = createShop(township, 1);
        String villageShop = createShop(village, 3);
        createShop(otherTownship, null);

        String who = Fixtures.code("old-points");
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ($1, $1)", who);
        TestDb.rows(pool, "INSERT INTO points_account (subject, balance) VALUES ($1, 70)", who);
        earn(who, plainVillage, 30, "2 years", 30);  // township policy, due
        earn(who, plainVillage, 10, "1 month", 40);  // township policy, not yet
        earn(who, otherTownship, 20, "3 years", 60); // no policy
        earn(who, village, 15, "2 years", 75);       // village policy (3 years) overrides the township's
        TestDb.rows(pool, "INSERT INTO points_entry (subject, amount, balance_after, reason, created_at) VALUES ($1, -5, 70, 'REDEMPTION', now() - interval '1 day')", who);

        expiry.run().await().indefinitely();
        // 30 due, 5 of them spent: 25 expire; everything else stays
        assertEquals(45, balance(who));
        assertEquals(-25, TestDb.count(pool, "SELECT amount FROM points_entry WHERE subject = $1 AND reason = 'EXPIRY'", who));
        expiry.run().await().indefinitely();
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM points_entry WHERE subject = $1 AND reason = 'EXPIRY'", who));

        // the village shop shortens its policy: its 15 are now due too
        assertEquals(1, As.admin().field(SET_EXPIRY, "shopId", villageShop, "expiryYears", 1).getInt("expiryYears"));
        expiry.run().await().indefinitely();
        assertEquals(30, balance(who));
        assertEquals(-40, TestDb.count(pool, "SELECT sum(amount) FROM points_entry WHERE subject = $1 AND reason = 'EXPIRY'", who));
        assertEquals(30, TestDb.count(pool, "SELECT sum(amount) FROM points_entry WHERE subject = $1", who));

        // clearing the township's policy stops further expiry there
        assertNull(As.admin().field(SET_EXPIRY, "shopId", townShop, "expiryYears", null).get("expiryYears"));
    }

    @Test
    void onlyStaffOverTheShopSetAPolicyAndItMustBeSensible() {
        String township = Fixtures.grid(null, "expiry-rules", "TOWNSHIP");
        String shop = createShop(township, null);
        Gql chiefElsewhere = As.gridChief(Fixtures.grid(null, "expiry-elsewhere", "VILLAGE"));
        assertEquals("VALIDATION", As.admin().errorCode(SET_EXPIRY, "shopId", shop, "expiryYears", 0));
        assertEquals("FORBIDDEN", chiefElsewhere.errorCode(SET_EXPIRY, "shopId", shop, "expiryYears", 2));
        assertEquals("FORBIDDEN", As.resident().errorCode(SET_EXPIRY, "shopId", shop, "expiryYears", 2));
        assertEquals("NOT_FOUND", As.admin().errorCode(SET_EXPIRY, "shopId", Keys.id("Shop", 999999999), "expiryYears", 2));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM shop WHERE id = $1 AND expiry_years IS NOT NULL", Keys.of(shop)));
    }

    private static String createShop(String grid, Integer years) {
        return As.admin().field(CREATE_SHOP, "gridId", grid, "name", "积分超市", "expiryYears", years).getString("id");
    }

    private void earn(String who, String grid, int points, String ago, int balanceAfter) {
        long award = TestDb.rows(pool, """
                INSERT INTO points_award (subject, grid_id, kind, points, state, proposed_by, created_at)
                VALUES ($1, $2, 'VOLUNTEERING', $3, 'APPROVED', 'worker', now() - cast(cast($4 AS text) AS interval)) RETURNING id""",
                who, Keys.of(grid), points, ago).get(0).getLong(0);
        TestDb.rows(pool, """
                INSERT INTO points_entry (subject, amount, balance_after, reason, award_id, created_at)
                VALUES ($1, $2, $3, 'VOLUNTEERING', $4, now() - cast(cast($5 AS text) AS interval))""", who, (long) points, (long) balanceAfter, award, ago);
    }

    private long balance(String who) {
        return TestDb.count(pool, "SELECT balance FROM points_account WHERE subject = $1", who);
    }
}
