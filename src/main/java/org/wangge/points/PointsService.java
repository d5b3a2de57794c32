package org.wangge.points;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.ErrorCode;
import org.wangge.common.Idempotency;
import org.wangge.common.Tx;
import org.wangge.people.PersonalData;
import org.wangge.grid.Accounts;
import org.wangge.security.Caller;
import org.wangge.security.Capability;


/** Awards, shops and redemptions; every change one transaction with its ledger entries. */
@ApplicationScoped
public class PointsService {

    private final Clock clock;
    private final PersonalData pii;

    public PointsService(Clock clock, PersonalData pii) {
        this.clock = clock;
        this.pii = pii;
    }

    // ---- awards ----

    public Uni<Long> proposeAward(Caller caller, String subject, long gridId, AwardKind kind, int points, String note, String idempotencyKey) {
        caller.requireAnywhere(Capability.AWARDS_PROPOSE);
        String who = Check.text("subject", subject, 255);
        if (points < 1 || points > 1000) {
            throw ApiException.validation("points", "An award is 1 to 1000 points");
        }
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "proposeAward", java.util.Arrays.asList(subject, gridId, kind, points, note), pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, () -> gridPath(tx, gridId, "gridId").chain(path -> {
            caller.require(Capability.AWARDS_PROPOSE, path, gridId);
            return Accounts.ensure(tx, who, who, clock.now());
        }).chain(() -> tx.one("""
                INSERT INTO points_award (subject, grid_id, kind, points, note, state, proposed_by)
                VALUES ($1, $2, $3, $4, cast($5 AS varchar), 'PROPOSED', $6) RETURNING id""", Long.class,
                who, gridId, kind.name(), points, note, caller.subject()))));
    }

    /**
     * The grid chief (or a commander) over the award's grid approves, posting the points, or
     * rejects. Four eyes: never an award to oneself or one's own proposal.
     */
    public Uni<Long> decideAward(Caller caller, long awardId, boolean approve) {
        caller.requireAnywhere(Capability.AWARDS_DECIDE);
        return Tx.run(tx -> tx.rows("SELECT a.subject, a.kind, a.points, a.state, g.path, a.note, a.proposed_by FROM points_award a JOIN grid g ON g.id = a.grid_id "
                + "WHERE a.id = $1 FOR UPDATE OF a", awardId).chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Award", awardId);
                    }
                    Object[] a = found.get(0);
                    caller.require(Capability.AWARDS_DECIDE, (String) a[4], awardId);
                    if (caller.subject().equals(a[0]) || caller.subject().equals(a[6])) {
                        throw ApiException.forbidden("Someone else decides an award to you or one you proposed (four eyes)")
                                .with("reason", "FOUR_EYES");
                    }
                    if (!"PROPOSED".equals(a[3])) {
                        throw new ApiException(ErrorCode.INVALID_TRANSITION, "The award is already " + a[3]).with("state", a[3]);
                    }
                    Uni<Integer> decided = tx.update("UPDATE points_award SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1",
                            awardId, approve ? "APPROVED" : "REJECTED", caller.subject());
                    if (!approve) {
                        return decided.replaceWith(awardId);
                    }
                    return decided.chain(() -> Ledger.post(tx, (String) a[0], ((Number) a[2]).longValue(), Ledger.Reason.valueOf((String) a[1]),
                            null, null, awardId, (String) a[5], caller.subject())).replaceWith(awardId);
                }));
    }

    /** Admin corrections are new entries, never edits. */
    public Uni<Long> correct(Caller caller, String subject, long amount, String note) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin corrects points");
        }
        if (amount == 0) {
            throw ApiException.validation("amount", "A correction changes the balance");
        }
        String why = Check.text("note", note, 500);
        return Tx.run(tx -> Accounts.ensure(tx, subject, subject, clock.now())
                .chain(() -> Ledger.post(tx, subject, amount, Ledger.Reason.CORRECTION, null, null, null, why, caller.subject())));
    }

    // ---- shops ----

    public Uni<Long> createShop(Caller caller, long gridId, String name, Integer expiryYears) {
        caller.requireAnywhere(Capability.SHOP_MANAGE);
        String n = Check.text("name", name, 200);
        checkExpiry(expiryYears);
        return Tx.run(tx -> gridPath(tx, gridId, "gridId").chain(path -> {
            caller.require(Capability.SHOP_MANAGE, path, gridId);
            return tx.one("INSERT INTO shop (grid_id, name, expiry_years) VALUES ($1, $2, cast($3 AS integer)) RETURNING id", Long.class, gridId, n, expiryYears);
        }));
    }

    public Uni<Void> setShopExpiry(Caller caller, long shopId, Integer expiryYears) {
        caller.requireAnywhere(Capability.SHOP_MANAGE);
        checkExpiry(expiryYears);
        return Tx.run(tx -> shopPath(tx, shopId).chain(path -> {
            caller.require(Capability.SHOP_MANAGE, path, shopId);
            return tx.rows("UPDATE shop SET expiry_years = cast($2 AS integer) WHERE id = $1 RETURNING id", shopId, expiryYears);
        })).replaceWithVoid();
    }

    private static void checkExpiry(Integer years) {
        if (years != null && (years < 1 || years > 50)) {
            throw ApiException.validation("expiryYears", "expiryYears must be between 1 and 50 (or null: never)");
        }
    }

    public Uni<Long> saveItem(Caller caller, Long itemId, Long shopId, ShopItemInput in) {
        caller.requireAnywhere(Capability.SHOP_MANAGE);
        if (in.price != null && in.price < 1) {
            throw ApiException.validation("price", "price must be at least 1 point");
        }
        if (in.stock != null && in.stock < 0) {
            throw ApiException.validation("stock", "stock cannot be negative");
        }
        if (in.perPersonLimit != null && in.perPersonLimit < 1) {
            throw ApiException.validation("perPersonLimit", "perPersonLimit must be at least 1");
        }
        return Tx.run(tx -> {
            Uni<Long> shop = shopId != null ? Uni.createFrom().item(shopId)
                    : tx.one("SELECT shop_id FROM shop_item WHERE id = $1 FOR UPDATE", Long.class, itemId).map(found -> {
                        if (found == null) {
                            throw ApiException.notFound("Shop item", itemId);
                        }
                        return found;
                    });
            return shop.chain(sid -> shopPath(tx, sid).chain(path -> {
                caller.require(Capability.SHOP_MANAGE, path, sid);
                if (itemId == null) {
                    if (in.name == null || in.price == null || in.stock == null) {
                        throw ApiException.validation("name", "A new item needs name, price and stock");
                    }
                    return tx.one("""
                            INSERT INTO shop_item (shop_id, name, picture_url, price, stock, per_person_limit, limit_period, active_from, active_to, active)
                            VALUES ($1, $2, cast($3 AS varchar), $4, $5, cast($6 AS integer), cast($7 AS varchar), cast($8 AS timestamptz),
                                    cast($9 AS timestamptz), coalesce(cast($10 AS boolean), true)) RETURNING id""", Long.class,
                            sid, Check.text("name", in.name, 200), in.pictureUrl, in.price, in.stock, in.perPersonLimit,
                            in.limitPeriod == null ? null : in.limitPeriod.name(), in.activeFrom, in.activeTo, in.active);
                }
                return tx.update("""
                        UPDATE shop_item SET name = coalesce(cast($2 AS varchar), name), picture_url = coalesce(cast($3 AS varchar), picture_url),
                               price = coalesce(cast($4 AS integer), price), stock = coalesce(cast($5 AS integer), stock),
                               per_person_limit = coalesce(cast($6 AS integer), per_person_limit),
                               limit_period = coalesce(cast($7 AS varchar), limit_period),
                               active_from = coalesce(cast($8 AS timestamptz), active_from), active_to = coalesce(cast($9 AS timestamptz), active_to),
                               active = coalesce(cast($10 AS boolean), active)
                        WHERE id = $1""", itemId, in.name, in.pictureUrl, in.price, in.stock, in.perPersonLimit,
                        in.limitPeriod == null ? null : in.limitPeriod.name(), in.activeFrom, in.activeTo, in.active).replaceWith(itemId);
            }));
        });
    }

    /**
     * Redeems: points debited and stock taken in one transaction, the item row locked so stock
     * is never oversold; the same idempotency key from the same person returns the first order.
     */
    public Uni<Long> redeem(Caller caller, long itemId, int quantity, String idempotencyKey) {
        String key = Check.text("idempotencyKey", idempotencyKey, 100);
        if (quantity < 1 || quantity > 100) {
            throw ApiException.validation("quantity", "quantity must be 1 to 100");
        }
        String buyer = caller.subject();
        return Tx.run(tx -> tx.one("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 7429))) x", Long.class, buyer + "|" + key)
                .chain(() -> tx.rows("SELECT id FROM shop_order WHERE subject = $1 AND idempotency_key = $2", buyer, key))
                .chain(existing -> {
                    if (!existing.isEmpty()) {
                        return Uni.createFrom().item(((Number) existing.get(0)[0]).longValue());
                    }
                    return tx.rows("""
                            SELECT i.shop_id, i.price, i.stock, i.per_person_limit, i.limit_period,
                                   i.active AND s.active AND (i.active_from IS NULL OR i.active_from <= now()) AND (i.active_to IS NULL OR i.active_to > now())
                            FROM shop_item i JOIN shop s ON s.id = i.shop_id WHERE i.id = $1 FOR UPDATE OF i""", itemId).chain(items -> {
                        if (items.isEmpty()) {
                            throw ApiException.notFound("Shop item", itemId);
                        }
                        Object[] item = items.get(0);
                        long shopId = ((Number) item[0]).longValue();
                        long price = ((Number) item[1]).longValue();
                        int stock = ((Number) item[2]).intValue();
                        Integer limit = item[3] == null ? null : ((Number) item[3]).intValue();
                        if (!(Boolean) item[5]) {
                            throw ApiException.validation("itemId", "The item is not available now").with("reason", "ITEM_INACTIVE");
                        }
                        if (stock < quantity) {
                            throw ApiException.conflict("Sold out (" + stock + " left)").with("reason", "SOLD_OUT");
                        }
                        Uni<Void> withinLimit = limit == null ? Uni.createFrom().voidItem()
                                : tx.one("""
                                        SELECT coalesce(sum(quantity), 0) FROM shop_order
                                        WHERE item_id = $1 AND subject = $2 AND state <> 'CANCELLED' AND created_at >= $3""", Long.class,
                                        itemId, buyer, periodStart((String) item[4])).map(taken -> {
                                            if (taken + quantity > limit) {
                                                throw ApiException.conflict("At most " + limit + " per person" + (item[4] == null ? "" : " per " + item[4]))
                                                        .with("reason", "LIMIT_REACHED");
                                            }
                                            return null;
                                        });
                        return withinLimit
                                .chain(() -> tx.update("UPDATE shop_item SET stock = stock - $2 WHERE id = $1", itemId, quantity))
                                .chain(() -> Accounts.ensure(tx, buyer, caller.name(), clock.now()))
                                .chain(() -> tx.one("""
                                        INSERT INTO shop_order (shop_id, item_id, subject, quantity, points, state, idempotency_key)
                                        VALUES ($1, $2, $3, $4, $5, 'PLACED', $6) RETURNING id""", Long.class,
                                        shopId, itemId, buyer, quantity, price * quantity, key))
                                .chain(order -> Ledger.post(tx, buyer, -price * quantity, Ledger.Reason.REDEMPTION, null, order, null, null, null)
                                        .replaceWith(order));
                    });
                }));
    }

    /** PLACED → FULFILLED (handed over by staff) or CANCELLED (by the buyer or staff: refund and restock). */
    public Uni<Long> decideOrder(Caller caller, long orderId, boolean fulfil) {
        return Tx.run(tx -> tx.rows("""
                SELECT o.subject, o.state, o.item_id, o.quantity, o.points, g.path FROM shop_order o
                JOIN shop s ON s.id = o.shop_id JOIN grid g ON g.id = s.grid_id WHERE o.id = $1 FOR UPDATE OF o""", orderId).chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Order", orderId);
                    }
                    Object[] o = found.get(0);
                    boolean staff = caller.may(Capability.SHOP_SERVE, (String) o[5]);
                    boolean buyer = caller.subject().equals(o[0]);
                    if (!(caller.isAdmin() || staff || !fulfil && buyer)) {
                        throw ApiException.forbidden(fulfil ? "Staff of the shop's grid hand orders over" : "Only the buyer or the shop's staff cancel")
                                .with("state", o[1]);
                    }
                    if (!"PLACED".equals(o[1])) {
                        throw new ApiException(ErrorCode.INVALID_TRANSITION, "The order is already " + o[1]).with("state", o[1]);
                    }
                    Uni<Integer> state = tx.update("UPDATE shop_order SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1",
                            orderId, fulfil ? "FULFILLED" : "CANCELLED", caller.subject());
                    if (fulfil) {
                        return state.replaceWith(orderId);
                    }
                    return state.chain(() -> tx.update("UPDATE shop_item SET stock = stock + $2 WHERE id = $1", ((Number) o[2]).longValue(),
                            ((Number) o[3]).intValue()))
                            .chain(() -> Ledger.post(tx, (String) o[0], ((Number) o[4]).longValue(), Ledger.Reason.REFUND, null, orderId, null,
                                    null, caller.subject()))
                            .replaceWith(orderId);
                }));
    }

    private OffsetDateTime periodStart(String period) {
        LocalDate today = clock.today();
        LocalDate start = period == null ? LocalDate.of(1970, 1, 1) : switch (LimitPeriod.valueOf(period)) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case YEAR -> today.withDayOfYear(1);
        };
        return start.atStartOfDay(clock.zone()).toOffsetDateTime();
    }

    private static Uni<String> gridPath(Tx tx, long gridId, String field) {
        return tx.rows("SELECT path FROM grid WHERE id = $1 AND retired_at IS NULL", gridId).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Grid", gridId).with("field", field);
            }
            return (String) found.get(0)[0];
        });
    }

    private static Uni<String> shopPath(Tx tx, long shopId) {
        return tx.rows("SELECT g.path FROM shop s JOIN grid g ON g.id = s.grid_id WHERE s.id = $1", shopId).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Shop", shopId);
            }
            return (String) found.get(0)[0];
        });
    }
}
