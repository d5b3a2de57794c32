package org.wangge.points;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Check;
import org.wangge.common.Cursor;
import org.wangge.common.Paging;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;
import org.wangge.security.SocketSubscriptions;
import org.wangge.common.NodeType;

/** Points (积分) and the points shop (积分超市). */
@GraphQLApi
public class PointsApi {

    private final PointsReader points;
    private final PointsService service;
    private final GridReader grids;
    private final CurrentCaller currentCaller;
    private final PointsLive live;
    private final SocketSubscriptions socket;

    public PointsApi(PointsReader points, PointsService service, GridReader grids, CurrentCaller currentCaller, PointsLive live,
            SocketSubscriptions socket) {
        this.live = live;
        this.socket = socket;
        this.points = points;
        this.service = service;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    // ---- accounts and ledger ----

    @Query
    @Description("Your points balance and ledger")
    public Uni<PointsViews.@NonNull PointsAccount> myPoints() {
        return account(currentCaller.get().subject());
    }

    @Subscription
    @Description("Your new ledger entries as they are committed (each with the balance after it); with `after` (a cursor), "
            + "first those since then, with no gap and no repeat")
    public Multi<PointsEntry> myPointsUpdates(String after) {
        String subject = currentCaller.get().subject();
        Long from = after == null ? null : Cursor.position("after", after);
        socket.take();
        return live.of(subject, from, socket::release);
    }

    @Query
    @Description("Someone's points (yourself, or anyone for an admin)")
    public Uni<PointsViews.@NonNull PointsAccount> pointsAccount(@NonNull String subject) {
        Caller caller = currentCaller.get();
        if (!caller.isAdmin() && !caller.subject().equals(subject)) {
            throw ApiException.forbidden("Points are private to their owner");
        }
        return account(subject);
    }

    @Description("Ledger entries, newest first")
    public Uni<PointsViews.@NonNull PointsEntryConnection> entries(@Source PointsViews.PointsAccount account, Integer first, String after) {
        return Async.defer(() -> {
            int limit = Paging.first(first);
            long before = after == null ? Long.MAX_VALUE : Cursor.decodeLong("pe", after);
            return points.entries(account.subject, before, limit, after);
        });
    }

    @Query
    @Description("Who earned most in a grid subtree over a period: residents of its households and its staff")
    public Uni<@NonNull List<PointsViews.@NonNull LeaderboardRow>> leaderboard(@NonNull @Id String gridId, OffsetDateTime from,
            OffsetDateTime to, @DefaultValue("20") int first) {
        Caller caller = currentCaller.get();
        long id = NodeType.GRID.key("gridId", gridId);
        int limit = Paging.first(first);
        return grids.byId(id).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.require(Capability.FIGURES_READ, g.path, id);
            return points.leaderboard(g.path, from, to, limit);
        });
    }

    // ---- shops ----

    @Query
    @Description("Active points shops")
    public Uni<@NonNull List<PointsViews.@NonNull Shop>> shops() {
        currentCaller.get();
        return points.activeShops();
    }

    @NonNull
    @Description("The catalogue")
    public Uni<List<@NonNull List<@NonNull ShopItem>>> items(@Source List<PointsViews.Shop> shops) {
        return points.items(shops);
    }

    @Query
    @Description("Your orders, newest first")
    public Uni<PointsViews.@NonNull ShopOrderConnection> myOrders(Integer first, String after) {
        Caller caller = currentCaller.get();
        return Async.defer(() -> points.ordersOf(caller.subject(), before(after), Paging.first(first), after));
    }

    @Query
    @Description("A shop's orders (staff of its grid), newest first; e.g. state PLACED for those to hand over")
    public Uni<PointsViews.@NonNull ShopOrderConnection> shopOrders(@NonNull @Id String shopId, ShopOrder.State state, Integer first, String after) {
        Caller caller = currentCaller.get();
        long id = NodeType.SHOP.key("shopId", shopId);
        return points.shopPath(id)
                .chain(path -> {
                    if (path == null) {
                        throw ApiException.notFound("Shop", shopId);
                    }
                    caller.require(Capability.SHOP_SERVE, path, id);
                    return points.ordersOfShop(id, state, before(after), Paging.first(first), after);
                });
    }

    @Query
    @Description("Proposed and decided awards of a grid subtree (staff)")
    public Uni<@NonNull List<@NonNull Award>> awards(@NonNull @Id String gridId, Award.State state) {
        Caller caller = currentCaller.get();
        long id = NodeType.GRID.key("gridId", gridId);
        return grids.byId(id).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.require(Capability.AWARDS_PROPOSE, g.path, id);
            return points.awards(g.path, state);
        });
    }

    // ---- mutations ----

    @Mutation
    @Description("Redeem an item: points debited and stock taken at once. Retrying with the same idempotencyKey returns the same order.")
    public Uni<@NonNull ShopOrder> redeem(@NonNull @Id String itemId, @DefaultValue("1") int quantity, @NonNull String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.redeem(caller, NodeType.SHOP_ITEM.key("itemId", itemId), quantity, idempotencyKey).chain(this::order);
    }

    @Mutation
    @Description("Cancel a placed order (the buyer or the shop's staff): points refunded, stock back")
    public Uni<@NonNull ShopOrder> cancelOrder(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return service.decideOrder(caller, NodeType.SHOP_ORDER.key("id", id), false).chain(this::order);
    }

    @Mutation
    @Description("Hand a placed order over (the shop's staff)")
    public Uni<@NonNull ShopOrder> fulfilOrder(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return service.decideOrder(caller, NodeType.SHOP_ORDER.key("id", id), true).chain(this::order);
    }

    @Mutation
    @Description("Open a points shop for a grid (commander or grid chief over it); expiryYears: see setShopExpiry")
    public Uni<PointsViews.@NonNull Shop> createShop(@NonNull @Id String gridId, @NonNull String name, Integer expiryYears) {
        Caller caller = currentCaller.get();
        return service.createShop(caller, NodeType.GRID.key("gridId", gridId), name, expiryYears).chain(this::shop);
    }

    @Mutation("setShopExpiry") // named explicitly: SmallRye would drop the "set" prefix
    @Description("Set or clear (null) a shop's expiry policy: points earned in the grids it serves (its grid's subtree, "
            + "where no nearer shop serves) expire after this many years, unless spent first")
    public Uni<PointsViews.@NonNull Shop> setShopExpiry(@NonNull @Id String shopId, Integer expiryYears) {
        Caller caller = currentCaller.get();
        long id = NodeType.SHOP.key("shopId", shopId);
        return service.setShopExpiry(caller, id, expiryYears).chain(() -> shop(id));
    }

    @Mutation
    public Uni<@NonNull ShopItem> addShopItem(@NonNull @Id String shopId, @NonNull ShopItemInput input) {
        Caller caller = currentCaller.get();
        return service.saveItem(caller, null, NodeType.SHOP.key("shopId", shopId), input).chain(this::item);
    }

    @Mutation
    public Uni<@NonNull ShopItem> updateShopItem(@NonNull @Id String id, @NonNull ShopItemInput input) {
        Caller caller = currentCaller.get();
        return service.saveItem(caller, NodeType.SHOP_ITEM.key("id", id), null, input).chain(this::item);
    }

    @Mutation
    @Description("Propose points for volunteering, a patrol or a good deed (a grid worker); the grid chief decides")
    public Uni<@NonNull Award> proposeAward(@NonNull String subject, @NonNull @Id String gridId, @NonNull AwardKind kind, int points, String note,
            @Description("A retry with the same key within 24 hours gets the first answer, and nothing is done twice; the same key with another request: VALIDATION") String idempotencyKey) {
        Caller caller = currentCaller.get();
        return service.proposeAward(caller, subject, NodeType.GRID.key("gridId", gridId), kind, points, note, idempotencyKey).chain(this::award);
    }

    @Mutation
    public Uni<@NonNull Award> approveAward(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return service.decideAward(caller, NodeType.AWARD.key("id", id), true).chain(this::award);
    }

    @Mutation
    public Uni<@NonNull Award> rejectAward(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return service.decideAward(caller, NodeType.AWARD.key("id", id), false).chain(this::award);
    }

    @Mutation
    @Description("Correct a balance (admin): a new ledger entry, positive or negative, with a note")
    public Uni<PointsViews.@NonNull PointsAccount> correctPoints(@NonNull String subject, int amount, @NonNull String note) {
        Caller caller = currentCaller.get();
        return service.correct(caller, subject, amount, note).chain(balance -> account(subject));
    }

    private Uni<PointsViews.PointsAccount> account(String subject) {
        return points.account(subject);
    }

    private Uni<PointsViews.Shop> shop(long id) {
        return points.shop(id);
    }

    private Uni<ShopOrder> order(long id) {
        return points.order(id);
    }

    private Uni<ShopItem> item(long id) {
        return points.item(id);
    }

    private Uni<Award> award(long id) {
        return points.award(id);
    }

    /** The position before which an order page starts (a bad cursor is a VALIDATION error). */
    private static long before(String after) {
        return after == null ? Long.MAX_VALUE : Cursor.decodeLong("so", after);
    }
}
