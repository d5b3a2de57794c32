package org.wangge.points;

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
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

@QuarkusTest
class PointsShopTest {

    private static final String REDEEM = "mutation($item: ID!, $q: Int!, $key: String!) { redeem(itemId: $item, quantity: $q, idempotencyKey: $key) { id state points } }";

    @Inject
    Pool pool;

    private String shopWithItem(int price, int stock, Map<String, Object> extra) {
        String grid = Fixtures.grid(null, "shop", "TOWNSHIP");
        String shop = Gql.admin().ok("mutation($g: ID!) { createShop(gridId: $g, name: \"积分超市\") { id } }", "g", grid).getString("createShop.id");
        Map<String, Object> item = new HashMap<>(Map.of("name", "洗衣粉", "price", price, "stock", stock));
        item.putAll(extra);
        return Gql.admin().ok("mutation($s: ID!, $i: ShopItemInput!) { addShopItem(shopId: $s, input: $i) { id } }", "s", shop, "i", item)
                .getString("addShopItem.id");
    }

    private static void give(String subject, long points) {
        Gql.admin().ok("mutation($s: String!, $a: Int!) { correctPoints(subject: $s, amount: $a, note: \"初始积分\") { balance } }", "s", subject, "a", points);
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
        String prefix = Fixtures.code("buyer");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            buyers.add(prefix + "-" + i);
            give(prefix + "-" + i, 20);
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Callable<Response>> calls = new ArrayList<>();
        for (String buyer : buyers) {
            calls.add(() -> Gql.as(buyer, "resident").post(REDEEM, "item", item, "q", 1, "key", "k-" + buyer));
        }
        List<String> codes = new ArrayList<>();
        for (Future<Response> f : threads.invokeAll(calls)) {
            Response r = f.get();
            codes.add(r.jsonPath().getList("errors") == null ? "OK" : r.jsonPath().getString("errors[0].extensions.reason"));
        }
        threads.shutdown();
        assertEquals(10, codes.stream().filter("OK"::equals).count(), codes.toString());
        assertEquals(90, codes.stream().filter("SOLD_OUT"::equals).count(), codes.toString());
        assertEquals(10, TestDb.count(pool, "SELECT count(*) FROM shop_order WHERE item_id = $1", Long.parseLong(item)));
        assertEquals(0, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Long.parseLong(item)));
        for (String buyer : buyers) {
            assertEquals(ledgerSum(buyer), balance(buyer), buyer);
        }
        assertEquals(10, buyers.stream().filter(b -> balance(b) == 15).count());
    }

    @Test
    void aRetriedRedemptionChargesOnce() throws Exception {
        String item = shopWithItem(7, 50, Map.of());
        String buyer = Fixtures.code("retry");
        give(buyer, 100);
        Gql as = Gql.as(buyer, "resident");
        String first = as.ok(REDEEM, "item", item, "q", 2, "key", "order-1").getString("redeem.id");
        assertEquals(first, as.ok(REDEEM, "item", item, "q", 2, "key", "order-1").getString("redeem.id"));
        // and at the same time
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> as.ok(REDEEM, "item", item, "q", 1, "key", "order-2").getString("redeem.id"));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : threads.invokeAll(calls)) {
            ids.add(f.get());
        }
        threads.shutdown();
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(100 - 14 - 7, balance(buyer));
        assertEquals(ledgerSum(buyer), balance(buyer));
        assertEquals(47, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Long.parseLong(item)));
    }

    @Test
    void refusalsAreCodedAndChangeNothing() {
        String item = shopWithItem(10, 3, Map.of("perPersonLimit", 2, "limitPeriod", "MONTH"));
        String buyer = Fixtures.code("refused");
        give(buyer, 25);
        Gql as = Gql.as(buyer, "resident");
        Response poor = as.post(REDEEM, "item", item, "q", 3, "key", "a");
        assertEquals("CONFLICT", poor.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("LIMIT_REACHED", poor.jsonPath().getString("errors[0].extensions.reason"));
        as.ok(REDEEM, "item", item, "q", 2, "key", "b");
        assertEquals("LIMIT_REACHED", as.post(REDEEM, "item", item, "q", 1, "key", "c").jsonPath().getString("errors[0].extensions.reason"));
        String other = Fixtures.code("other");
        give(other, 5);
        assertEquals("INSUFFICIENT_POINTS", Gql.as(other, "resident").post(REDEEM, "item", item, "q", 1, "key", "d")
                .jsonPath().getString("errors[0].extensions.reason"));
        assertEquals(5, balance(other));
        give(other, 100);
        assertEquals("SOLD_OUT", Gql.as(other, "resident").post(REDEEM, "item", item, "q", 2, "key", "e")
                .jsonPath().getString("errors[0].extensions.reason"));
        Gql.admin().ok("mutation($i: ID!) { updateShopItem(id: $i, input: {active: false}) { active } }", "i", item);
        Response inactive = Gql.as(other, "resident").post(REDEEM, "item", item, "q", 1, "key", "f");
        assertEquals("VALIDATION", inactive.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("ITEM_INACTIVE", inactive.jsonPath().getString("errors[0].extensions.reason"));
        assertEquals(105, balance(other));
        assertEquals(1, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Long.parseLong(item)));
        assertEquals(ledgerSum(buyer), balance(buyer));
    }

    @Test
    void cancellingRefundsAndRestocksFulfillingHandsOver() {
        String item = shopWithItem(4, 5, Map.of());
        String buyer = Fixtures.code("cancel");
        give(buyer, 20);
        Gql as = Gql.as(buyer, "resident");
        String order = as.ok(REDEEM, "item", item, "q", 2, "key", "x").getString("redeem.id");
        assertEquals(12, balance(buyer));
        assertEquals("CANCELLED", as.ok("mutation($o: ID!) { cancelOrder(id: $o) { state } }", "o", order).getString("cancelOrder.state"));
        assertEquals(20, balance(buyer));
        assertEquals(5, TestDb.count(pool, "SELECT stock FROM shop_item WHERE id = $1", Long.parseLong(item)));
        assertEquals("INVALID_TRANSITION", as.errorCode("mutation($o: ID!) { cancelOrder(id: $o) { state } }", "o", order));
        String second = as.ok(REDEEM, "item", item, "q", 1, "key", "y").getString("redeem.id");
        assertEquals("FORBIDDEN", as.errorCode("mutation($o: ID!) { fulfilOrder(id: $o) { state } }", "o", second));
        assertEquals("FULFILLED", Gql.admin().ok("mutation($o: ID!) { fulfilOrder(id: $o) { state } }", "o", second).getString("fulfilOrder.state"));
        JsonPath ledger = as.ok("{ myPoints { balance entries { edges { node { amount reason balanceAfter } } } } }");
        assertEquals(List.of("REDEMPTION", "REFUND", "REDEMPTION", "CORRECTION"), ledger.getList("myPoints.entries.edges.node.reason"));
        assertEquals(16, ledger.getInt("myPoints.balance"));
        assertThrows(Exception.class, () -> TestDb.rows(pool, "UPDATE points_entry SET amount = 1000 WHERE subject = $1", buyer));
        assertEquals("FORBIDDEN", as.errorCode("mutation { correctPoints(subject: \"x\", amount: 5, note: \"自己加分\") { balance } }"));
    }
}
