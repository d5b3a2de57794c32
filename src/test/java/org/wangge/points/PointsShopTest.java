package org.wangge.points;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** A shop of its own per test, on a grid of its own; buyers are residents given points by the admin. */
@QuarkusTest
class PointsShopTest {

    static final Doc CREATE_SHOP = Doc.of("points/CreateShop");
    static final Doc ADD_ITEM = Doc.of("points/AddShopItem");
    static final Doc UPDATE_ITEM = Doc.of("points/UpdateShopItem");
    static final Doc CORRECT = Doc.of("points/CorrectPoints");
    static final Doc REDEEM = Doc.of("points/Redeem");
    static final Doc CANCEL = Doc.of("points/CancelOrder");
    static final Doc FULFIL = Doc.of("points/FulfilOrder");
    static final Doc MY_POINTS = Doc.of("points/MyPoints");

    @Inject
    Pool pool;

    private String shopWithItem(int price, int stock, Map<String, Object> extra) {
        String grid = Fixtures.grid(null, "shop", "TOWNSHIP");
        String shop = As.admin().field(CREATE_SHOP, "gridId", grid, "name", "积分超市").getString("id");
        Map<String, Object> item = new HashMap<>(Map.of("name", "洗衣粉", "price", price, "stock", stock));
        item.putAll(extra);
        return As.admin().field(ADD_ITEM, "shopId", shop, "input", item).getString("id");
    }

    /** A resident with points to spend. */
    private static Gql buyer(long points) {
        Gql buyer = As.resident();
        give(buyer.subject(), points);
        return buyer;
    }

    private static void give(String subject, long points) {
        As.admin().ok(CORRECT, "subject", subject, "amount", points, "note", "初始积分");
    }

    private long balance(String subject) {
        return TestDb.count(pool, "SELECT coalesce((SELECT balance FROM points_account WHERE subject = $1), 0)", subject);
    }

    private long ledgerSum(String subject) {
        return TestDb.count(pool, "SELECT coalesce(sum(amount), 0) FROM points_entry WHERE subject = $1", subject);
    }

    @Test
    void aHundredConcurrentRedemptionsOfTenPiecesMakeExactlyTenOrders() throws Exception {
        String item = shopWithItem(5, 10, Map.of());
        List<Gql> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            buyers.add(buyer(20));
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Callable<Response>> calls = new ArrayList<>();
        for (Gql buyer : buyers) {
            calls.add(() -> buyer.post(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "k-" + buyer.subject()));
        }
        List<String> codes = new ArrayList<>();
        for (Future<Response> f : threads.invokeAll(calls)) {
            Response r = f.get();
            codes.add(r.jsonPath().getList("errors") == null ? "OK" : r.jsonPath().getString("errors[0].extensions.reason"));
        }
        threads.shutdown();
        assertEquals(10, codes.stream().filter("OK"::equals).count(), codes.toString());
        assertEquals(90, codes.stream().filter("SOLD_OUT"::equals).count(), codes.toString());
        assertEquals(10, TestDb.count(pool, "SELECT count(*) FROM shop_order WHERE item_id = $1", Keys.of(item)));
        assertEquals(0, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Keys.of(item)));
        for (Gql buyer : buyers) {
            assertEquals(ledgerSum(buyer.subject()), balance(buyer.subject()), buyer.subject());
        }
        assertEquals(10, buyers.stream().filter(b -> balance(b.subject()) == 15).count());
    }

    @Test
    void aRetriedRedemptionChargesOnce() throws Exception {
        String item = shopWithItem(7, 50, Map.of());
        Gql as = buyer(100);
        String buyer = as.subject();
        String first = as.field(REDEEM, "itemId", item, "quantity", 2, "idempotencyKey", "order-1").getString("id");
        assertEquals(first, as.field(REDEEM, "itemId", item, "quantity", 2, "idempotencyKey", "order-1").getString("id"));
        // and at the same time
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> as.field(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "order-2").getString("id"));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : threads.invokeAll(calls)) {
            ids.add(f.get());
        }
        threads.shutdown();
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(100 - 14 - 7, balance(buyer));
        assertEquals(ledgerSum(buyer), balance(buyer));
        assertEquals(47, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Keys.of(item)));
    }

    @Test
    void refusalsAreCodedAndChangeNothing() {
        String item = shopWithItem(10, 3, Map.of("perPersonLimit", 2, "limitPeriod", "MONTH"));
        Gql as = buyer(25);
        String buyer = as.subject();
        JsonPath poor = as.error(REDEEM, "itemId", item, "quantity", 3, "idempotencyKey", "a");
        assertEquals("CONFLICT", poor.getString("extensions.code"));
        assertEquals("LIMIT_REACHED", poor.getString("extensions.reason"));
        as.ok(REDEEM, "itemId", item, "quantity", 2, "idempotencyKey", "b");
        assertEquals("LIMIT_REACHED", as.error(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "c").getString("extensions.reason"));
        Gql other = buyer(5);
        assertEquals("INSUFFICIENT_POINTS", other.error(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "d").getString("extensions.reason"));
        assertEquals(5, balance(other.subject()));
        give(other.subject(), 100);
        assertEquals("SOLD_OUT", other.error(REDEEM, "itemId", item, "quantity", 2, "idempotencyKey", "e").getString("extensions.reason"));
        As.admin().ok(UPDATE_ITEM, "id", item, "input", Map.of("active", false));
        JsonPath inactive = other.error(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "f");
        assertEquals("VALIDATION", inactive.getString("extensions.code"));
        assertEquals("ITEM_INACTIVE", inactive.getString("extensions.reason"));
        assertEquals(105, balance(other.subject()));
        assertEquals(1, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Keys.of(item)));
        assertEquals(ledgerSum(buyer), balance(buyer));
    }

    @Test
    void cancellingRefundsAndRestocksFulfillingHandsOver() {
        String item = shopWithItem(4, 5, Map.of());
        Gql as = buyer(20);
        String buyer = as.subject();
        String order = as.field(REDEEM, "itemId", item, "quantity", 2, "idempotencyKey", "x").getString("id");
        assertEquals(12, balance(buyer));
        assertEquals("CANCELLED", as.field(CANCEL, "id", order).getString("state"));
        assertEquals(20, balance(buyer));
        assertEquals(5, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Keys.of(item)));
        assertEquals("INVALID_TRANSITION", as.errorCode(CANCEL, "id", order));
        String second = as.field(REDEEM, "itemId", item, "quantity", 1, "idempotencyKey", "y").getString("id");
        assertEquals("FORBIDDEN", as.errorCode(FULFIL, "id", second));
        assertEquals("FULFILLED", As.admin().field(FULFIL, "id", second).getString("state"));
        as.then(MY_POINTS)
                .body("myPoints.entries.edges.node.reason", contains("REDEMPTION", "REFUND", "REDEMPTION", "CORRECTION"))
                .body("myPoints.balance", is(16));
        assertThrows(Exception.class, () -> TestDb.rows(pool, "UPDATE points_entry SET amount = 1000 WHERE subject = $1", buyer));
        assertEquals("FORBIDDEN", as.errorCode(CORRECT, "subject", "x", "amount", 5, "note", "自己加分"));
    }
}
