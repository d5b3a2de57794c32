package org.wangge.points;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.wangge.common.Batch;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;

/** Reads of balances, ledgers, shops, orders and awards. */
@ApplicationScoped
public class PointsReader {

    private static final OffsetDateTime EVER = OffsetDateTime.parse("1970-01-01T00:00:00Z");
    private static final OffsetDateTime NEVER = OffsetDateTime.parse("9999-01-01T00:00:00Z");

    private final Sql sql;

    public PointsReader(Sql sql) {
        this.sql = sql;
    }

    /** A balance (0 for someone who never had points). */
    public Uni<PointsViews.PointsAccount> account(String subject) {
        return sql.one("SELECT balance FROM points_account WHERE subject = $1", Tuple.of(subject), row -> row.getLong(0)).map(balance -> {
            PointsViews.PointsAccount a = new PointsViews.PointsAccount();
            a.subject = subject;
            a.balance = balance == null ? 0 : balance.intValue();
            return a;
        });
    }

    /** One ledger entry, or null. */
    public Uni<PointsEntry> entry(long id) {
        return sql.one("SELECT " + PointsEntry.COLUMNS + " FROM points_entry WHERE id = $1", Tuple.of(id), PointsEntry::from);
    }

    /** A page of a ledger, newest first, before the entry {@code before}. */
    public Uni<PointsViews.PointsEntryConnection> entries(String subject, long before, int limit, String after) {
        return sql.list("SELECT " + PointsEntry.COLUMNS + " FROM points_entry WHERE subject = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                Tuple.of(subject, before, limit + 1), PointsEntry::from)
                .map(rows -> new PointsViews.PointsEntryConnection(Page.of(rows, limit, after)));
    }

    /** Who earned most in a subtree over a period: residents of its households and its staff; refunds and corrections do not count. */
    public Uni<List<PointsViews.LeaderboardRow>> leaderboard(String path, OffsetDateTime from, OffsetDateTime to, int limit) {
        return sql.list("""
                WITH members AS (
                  SELECT p.account_subject AS subject FROM person p JOIN household h ON h.id = p.household_id JOIN grid g ON g.id = h.grid_id
                  WHERE p.account_subject IS NOT NULL AND g.path >= $1 AND g.path < $2
                  UNION
                  SELECT a.subject FROM staff_assignment a JOIN grid g ON g.id = a.grid_id WHERE g.path >= $1 AND g.path < $2)
                SELECT e.subject, acc.display_name, sum(e.amount) AS points FROM points_entry e
                JOIN members m ON m.subject = e.subject JOIN account acc ON acc.subject = e.subject
                WHERE e.amount > 0 AND e.reason NOT IN ('REFUND', 'CORRECTION') AND e.created_at >= $3 AND e.created_at < $4
                GROUP BY e.subject, acc.display_name ORDER BY points DESC, e.subject LIMIT $5""",
                Tuple.tuple().addString(path).addString(Subtrees.end(path)).addOffsetDateTime(from == null ? EVER : from)
                        .addOffsetDateTime(to == null ? NEVER : to).addInteger(limit),
                row -> {
                    PointsViews.LeaderboardRow r = new PointsViews.LeaderboardRow();
                    r.subject = row.getString("subject");
                    r.displayName = row.getString("display_name");
                    r.points = row.getLong("points").intValue();
                    return r;
                }).map(rows -> {
                    for (int i = 0; i < rows.size(); i++) {
                        rows.get(i).rank = i + 1;
                    }
                    return rows;
                });
    }

    public Uni<List<PointsViews.Shop>> activeShops() {
        return sql.list("SELECT " + PointsViews.Shop.COLUMNS + " FROM shop WHERE active ORDER BY id", Tuple.tuple(), PointsViews.Shop::from);
    }

    public Uni<PointsViews.Shop> shop(long id) {
        return sql.one("SELECT " + PointsViews.Shop.COLUMNS + " FROM shop WHERE id = $1", Tuple.of(id), PointsViews.Shop::from);
    }

    /** The path of a shop's grid; null for no such shop. */
    public Uni<String> shopPath(long id) {
        return sql.one("SELECT g.path FROM shop s JOIN grid g ON g.id = s.grid_id WHERE s.id = $1", Tuple.of(id), row -> row.getString(0));
    }

    /** Each shop's catalogue, in the shops' order. */
    public Uni<List<List<ShopItem>>> items(List<PointsViews.Shop> shops) {
        return sql.list("SELECT " + ShopItem.COLUMNS + " FROM shop_item WHERE shop_id = ANY($1) ORDER BY shop_id, id",
                Tuple.of(shops.stream().map(s -> s.dbId).toArray(Long[]::new)), ShopItem::from)
                .map(items -> Batch.group(shops, s -> s.id, items, i -> i.shopId));
    }

    public Uni<ShopItem> item(long id) {
        return sql.one("SELECT " + ShopItem.COLUMNS + " FROM shop_item WHERE id = $1", Tuple.of(id), ShopItem::from);
    }

    public Uni<ShopOrder> order(long id) {
        return sql.one("SELECT " + ShopOrder.COLUMNS + " FROM shop_order o JOIN shop_item i ON i.id = o.item_id WHERE o.id = $1",
                Tuple.of(id), ShopOrder::from);
    }

    /** A buyer's orders, newest first. */
    public Uni<PointsViews.ShopOrderConnection> ordersOf(String subject, long before, int limit, String after) {
        return orders("o.subject = $1", subject, before, limit, after);
    }

    /** A shop's orders, newest first, optionally in one state. */
    public Uni<PointsViews.ShopOrderConnection> ordersOfShop(long shopId, ShopOrder.State state, long before, int limit, String after) {
        return orders("o.shop_id = $1" + (state == null ? "" : " AND o.state = '" + state.name() + "'"), shopId, before, limit, after);
    }

    private Uni<PointsViews.ShopOrderConnection> orders(String where, Object arg, long before, int limit, String after) {
        return sql.list("SELECT " + ShopOrder.COLUMNS + " FROM shop_order o JOIN shop_item i ON i.id = o.item_id WHERE " + where
                + " AND o.id < $2 ORDER BY o.id DESC LIMIT $3", Tuple.of(arg, before, limit + 1), ShopOrder::from)
                .map(rows -> new PointsViews.ShopOrderConnection(Page.of(rows, limit, after)));
    }

    public Uni<Award> award(long id) {
        return sql.one("SELECT " + Award.COLUMNS + " FROM points_award WHERE id = $1", Tuple.of(id), Award::from);
    }

    /** Awards of a subtree, newest first (at most 500), optionally in one state. */
    public Uni<List<Award>> awards(String path, Award.State state) {
        return sql.list("SELECT a.id, a.subject, a.grid_id, a.kind, a.points, a.note, a.state, a.proposed_by, a.decided_by, a.decided_at, a.created_at, g.path AS grid_path "
                + "FROM points_award a JOIN grid g ON g.id = a.grid_id WHERE g.path >= $1 AND g.path < $2 AND ($3::text IS NULL OR a.state = $3) "
                + "ORDER BY a.id DESC LIMIT 500", Tuple.of(path, Subtrees.end(path), state == null ? null : state.name()), Award::from);
    }
}
