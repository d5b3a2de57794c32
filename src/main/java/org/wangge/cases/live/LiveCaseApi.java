package org.wangge.cases.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Cursor;
import org.wangge.common.Outbox;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.LiveJurisdictions;
import org.wangge.security.SocketOperation;
import org.wangge.security.SocketSubscriptions;
import org.wangge.common.NodeType;

/**
 * Live case updates for partner departments, command-centre screens and the mini-program.
 * The same rule as the case queries decides what a subscriber receives.
 */
@GraphQLApi
public class LiveCaseApi {

    private final CaseEventHub hub;
    private final GridReader grids;
    private final CurrentCaller currentCaller;
    private final SocketSubscriptions socket;
    private final LiveJurisdictions live;
    private final Counter shared;
    private final Counter executed;

    public LiveCaseApi(CaseEventHub hub, GridReader grids, CurrentCaller currentCaller, SocketSubscriptions socket,
            LiveJurisdictions live, MeterRegistry meters) {
        this.live = live;
        // deliveries by path: rendered once and shared, or a GraphQL execution per subscriber
        this.shared = meters.counter("wangge.live.deliveries", "path", "shared");
        this.executed = meters.counter("wangge.live.deliveries", "path", "executed");
        this.hub = hub;
        this.grids = grids;
        this.currentCaller = currentCaller;
        this.socket = socket;
    }

    @Subscription
    @Description("Every case update you may see that matches the filter. With `after` (a cursor), first every such update "
            + "since then, then live, with no gap and no repeat.")
    public Multi<CaseUpdate> caseEvents(CaseEventFilter filter, String after) {
        Caller caller = currentCaller.get();
        Long from = Cursor.position("after", after);
        Consumer<CaseUpdate> direct = direct("caseEvents");
        SocketOperation operation = SocketOperation.current();
        return gridPath(filter)
                .onItem().transformToMulti(path -> {
                    // deliveries follow the jurisdiction of the socket's start: once part of it is lost, none
                    // (the socket is closed too)
                    AtomicBoolean revoked = new AtomicBoolean();
                    Runnable unwatch = live.watch(caller, () -> {
                        revoked.set(true);
                        if (operation != null) {
                            operation.close().accept((short) 4403, "Forbidden: your jurisdiction has changed");
                        }
                    });
                    Predicate<CaseUpdate> wanted = CaseUpdate.visibleTo(caller).and(CaseEventFilter.matching(filter, path));
                    return feed(caller, u -> !revoked.get() && wanted.test(u), direct, from, unwatch);
                });
    }

    @Subscription
    @Description("Updates of the cases you reported (the mini-program's 我的上报), optionally resumed after a cursor")
    public Multi<CaseUpdate> myCaseUpdates(String after) {
        Caller caller = currentCaller.get();
        return feed(caller, u -> caller.subject().equals(u.reporterSubject), direct("myCaseUpdates"), Cursor.position("after", after), () -> { });
    }

    /**
     * Writes updates straight to the socket when this subscription arrived over one (the call is
     * inside its start) and selects plain fields only: rendered once per update, not per subscriber.
     */
    private Consumer<CaseUpdate> direct(String field) {
        SocketOperation operation = SocketOperation.current();
        FlatSelection selection = operation == null ? null : FlatSelection.of(operation.query(), operation.operationName(), field);
        if (selection == null) {
            return null;
        }
        String next = FlatSelection.nextPrefix(operation.id());
        return update -> {
            operation.socket().accept(next + update.renderedFor(selection) + "}");
            shared.increment();
        };
    }

    private Multi<CaseUpdate> feed(Caller caller, Predicate<CaseUpdate> wanted, Consumer<CaseUpdate> direct, Long after, Runnable onEnd) {
        try {
            socket.take();
        } catch (RuntimeException refused) {
            onEnd.run();
            throw refused;
        }
        Outbox<CaseUpdate> outbox = hub.outbox();
        // a replay reads every event in the range: the feed keeps those the subscriber wants
        Multi<CaseUpdate> updates = outbox.subscribe(wanted, direct, after, outbox::read, () -> {
            socket.release();
            onEnd.run();
        });
        return direct != null ? updates : updates.invoke(update -> executed.increment());
    }

    private Uni<String> gridPath(CaseEventFilter filter) {
        if (filter == null || filter.gridId == null) {
            return Uni.createFrom().item((String) null);
        }
        long id = NodeType.GRID.key("gridId", filter.gridId);
        return grids.byId(id).map(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", filter.gridId);
            }
            return g.path;
        });
    }
}
