package org.wangge.cases.webhooks;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.wangge.cases.CaseSource;
import org.wangge.cases.live.CaseEventFilter;
import org.wangge.cases.live.CaseEventHub;
import org.wangge.cases.live.CaseUpdate;
import org.wangge.common.Clock;
import org.wangge.common.Outbox;
import org.wangge.people.PersonalData;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/**
 * Delivers case updates to webhook endpoints. Every instance runs one; an endpoint is delivered
 * by the instance holding its lease, one update at a time in cursor order, each sent until its
 * receiver answers 2xx (at least once). Each endpoint reads the outbox table on its own and has
 * its own connection, so a slow or dead receiver holds up nobody else, and the live
 * subscriptions not at all: new updates only wake the endpoints.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Acknowledged deliveries are written in groups of at most this many (or after {@link #FLUSH_MILLIS}). */
    private static final int FLUSH_AFTER = 50;
    private static final long FLUSH_MILLIS = 1_000;

    private final String owner = UUID.randomUUID().toString();
    private final WebhookSettings settings;
    private final WebhookReader reader;
    private final WebhookService service;
    private final CaseEventHub hub;
    private final PersonalData keys;
    private final Vertx vertx;
    private final Clock clock;
    private final Map<Long, Worker> workers = new ConcurrentHashMap<>();
    private final AtomicBoolean leasing = new AtomicBoolean();
    /** Lease ticks between two reads of the held endpoints' settings. */
    private static final int REFRESH_EVERY = 30;
    private long ticks;
    private volatile boolean running;
    private long timer = -1;

    public WebhookDispatcher(WebhookSettings settings, WebhookReader reader, WebhookService service, CaseEventHub hub, PersonalData keys,
            Vertx vertx, Clock clock) {
        this.settings = settings;
        this.reader = reader;
        this.service = service;
        this.hub = hub;
        this.keys = keys;
        this.vertx = vertx;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        if (!settings.enabled()) {
            return;
        }
        running = true;
        hub.outbox().onPublished(() -> workers.values().forEach(Worker::kick));
        // transactions want a duplicated context (as a request's or a scheduled job's): the leases get one, each endpoint its own
        io.vertx.core.Context leasing = duplicate();
        timer = vertx.setPeriodic(settings.poll().toMillis(), id -> leasing.runOnContext(v -> lease()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (!running) {
            return;
        }
        running = false;
        vertx.cancelTimer(timer);
        workers.values().forEach(Worker::stop);
        workers.clear();
        try {
            // another instance takes the endpoints up at once, not when the leases run out
            service.release(owner).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Releasing webhook leases failed (they run out by themselves): " + e.getMessage());
        }
    }

    /** Endpoints delivered by this instance now (for tests and metrics). */
    public Set<Long> held() {
        return Set.copyOf(workers.keySet());
    }

    /** Renews the leases held, takes up free endpoints, lets go of the ones lost or paused. */
    void lease() {
        if (!running || !leasing.compareAndSet(false, true)) {
            return;
        }
        // the endpoints held are read again only now and then (a filter's grid may have moved): an idle
        // deployment's ticks cost one UPDATE, no reads
        boolean refresh = ++ticks % REFRESH_EVERY == 0;
        service.lease(owner).chain(ids -> {
            List<Long> read = refresh ? ids : ids.stream().filter(id -> !workers.containsKey(id)).toList();
            return (read.isEmpty() ? Uni.createFrom().item(List.<WebhookReader.Target>of()) : reader.targets(read)).map(targets -> Map.entry(ids, targets));
        }).subscribe().with(leased -> {
                    leasing.set(false);
                    Set<Long> held = Set.copyOf(leased.getKey());
                    for (WebhookReader.Target t : leased.getValue()) {
                        try {
                            Worker w = workers.get(t.id());
                            if (w == null) {
                                workers.put(t.id(), new Worker(t));
                            } else {
                                w.take(t);
                            }
                        } catch (RuntimeException e) {
                            // one endpoint that cannot be opened (its secret's key withdrawn) holds up no other
                            LOG.warn("Webhook endpoint " + t.id() + " cannot be delivered: " + e.getMessage());
                        }
                    }
                    workers.keySet().stream().filter(id -> !held.contains(id)).toList().forEach(this::drop);
                    workers.values().forEach(Worker::kick);
                }, failure -> {
                    leasing.set(false);
                    LOG.warn("Leasing webhook endpoints failed: " + failure.getMessage());
                });
    }

    private io.vertx.core.Context duplicate() {
        return io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    }

    private void drop(long id) {
        Worker w = workers.remove(id);
        if (w != null) {
            w.stop();
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forget() {
        return service.forgetDelivered().replaceWithVoid();
    }

    /** The body of an update's delivery; for the residents' endpoint it names the reporter, whom the backend tells. */
    static String body(CaseUpdate u, WebhookAudience audience) {
        Map<String, Object> data = new LinkedHashMap<>();
        CaseUpdate.FIELDS.forEach((name, value) -> data.put(name, value.apply(u)));
        if (audience == WebhookAudience.RESIDENTS) {
            data.put("reporterSubject", u.reporterSubject);
        }
        return new JsonObject().put("id", u.cursor).put("type", "case.update").put("data", new JsonObject(data)).encode();
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, as Stripe signs. */
    static String signature(byte[] secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an endpoint's audience may read, and its filter (a filter's grid that is gone matches nothing). */
    static Predicate<CaseUpdate> wanted(WebhookReader.Target t) {
        boolean gridGone = t.filter().getString("gridId") != null && t.gridPath() == null;
        Predicate<CaseUpdate> matching = gridGone ? u -> false : CaseEventFilter.matching(filter(t.filter()), t.gridPath());
        if (t.audience() == WebhookAudience.DEPARTMENT) {
            Caller department = new Caller("webhook:" + t.id(), "webhook", Set.of(Roles.DEPARTMENT), List.of(), Set.of(t.department()), null);
            return CaseUpdate.visibleTo(department).and(matching);
        }
        return u -> u.source == CaseSource.RESIDENT && u.reporterSubject != null
                && CaseUpdate.visibleTo(Caller.of(u.reporterSubject, u.reporterSubject, Set.of(Roles.RESIDENT))).test(u) && matching.test(u);
    }

    private static CaseEventFilter filter(JsonObject json) {
        CaseEventFilter f = new CaseEventFilter();
        WebhookEndpoint.WebhookFilter given = WebhookEndpoint.filter(json);
        f.gridId = given.gridId;
        f.departmentId = given.departmentId;
        f.kinds = given.kinds;
        f.states = given.states;
        f.priorities = given.priorities;
        return f;
    }

    /** The result of one attempt: the receiver's status, or why there was none. */
    private record Attempt(Integer status, String error) {
        boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** One endpoint held by this instance. */
    private final class Worker {

        private final long id;
        private final HttpClient client;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final io.vertx.core.Context context = duplicate();
        private volatile WebhookReader.Target target;
        /** The signing secret, opened once per reading of the endpoint, not per delivery. */
        private volatile byte[] secret;
        private volatile boolean stopped;
        private volatile boolean again;
        private volatile long notBefore;
        private long acked;
        private long written;
        private int attempts;
        private OffsetDateTime failingSince;
        private OffsetDateTime firstAttempt;
        private final List<WebhookService.Delivered> delivered = new ArrayList<>();
        private long lastFlush = System.currentTimeMillis();
        private long retryTimer = -1;

        Worker(WebhookReader.Target t) {
            this.id = t.id();
            take(t);
            this.acked = t.acked();
            this.written = t.acked();
            this.attempts = t.attempts();
            this.failingSince = t.failingSince();
            if (t.nextAttemptAt() != null) {
                notBefore = t.nextAttemptAt().toInstant().toEpochMilli();
            }
            int timeout = (int) settings.timeout().toMillis();
            this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1).setKeepAlive(true).setConnectTimeout(timeout)
                    .setIdleTimeout(60));
        }

        void take(WebhookReader.Target t) {
            secret = keys.decrypt(t.secret(), t.secretKeyId()).getBytes(StandardCharsets.UTF_8);
            target = t;
        }

        void stop() {
            stopped = true;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
            }
            client.close().subscribe().with(v -> { }, e -> { });
        }

        /** Delivers what is new unless already at it (then it looks again when done) or waiting to retry. */
        void kick() {
            context.runOnContext(v -> deliver());
        }

        private void deliver() {
            if (stopped || System.currentTimeMillis() < notBefore) {
                return;
            }
            if (!busy.compareAndSet(false, true)) {
                again = true;
                return;
            }
            again = false;
            Uni.createFrom().deferred(this::drain).subscribe().with(more -> {
                busy.set(false);
                if (more || again) {
                    deliver();
                }
            }, failure -> {
                busy.set(false);
                LOG.warn("Delivering webhook endpoint " + id + " failed: " + failure.getMessage()); // the next lease tick tries again
            });
        }

        /** One page of updates after the cursor; true when there may be more. */
        private Uni<Boolean> drain() {
            Outbox<CaseUpdate> outbox = hub.outbox();
            long upTo = outbox.published();
            if (acked >= upTo) {
                return Uni.createFrom().item(false);
            }
            Predicate<CaseUpdate> wanted = wanted(target);
            return outbox.read(acked, upTo, Outbox.PAGE).chain(items -> next(items, 0, wanted, items.size() == Outbox.PAGE));
        }

        private Uni<Boolean> next(List<CaseUpdate> items, int from, Predicate<CaseUpdate> wanted, boolean full) {
            int i = from;
            while (i < items.size() && !wanted.test(items.get(i))) {
                acked = items.get(i).seq; // not this endpoint's: passed over
                i++;
            }
            if (stopped) {
                return Uni.createFrom().item(false);
            }
            if (i == items.size()) {
                return flush().map(held -> held && full);
            }
            CaseUpdate u = items.get(i);
            int at = i;
            if (firstAttempt == null) {
                firstAttempt = clock.now();
            }
            return send(u).chain(attempt -> {
                if (!attempt.ok()) {
                    return flush().chain(held -> held ? failed(u, attempt) : Uni.createFrom().item(false));
                }
                acked = u.seq;
                delivered.add(new WebhookService.Delivered(u.seq, attempts + 1, attempt.status(), firstAttempt, clock.now()));
                attempts = 0;
                failingSince = null;
                firstAttempt = null;
                boolean due = delivered.size() >= FLUSH_AFTER || System.currentTimeMillis() - lastFlush >= FLUSH_MILLIS;
                Uni<Boolean> flushed = due ? flush() : Uni.createFrom().item(true);
                return flushed.chain(held -> held ? next(items, at + 1, wanted, full) : Uni.createFrom().item(false));
            });
        }

        private Uni<Attempt> send(CaseUpdate u) {
            WebhookReader.Target t = target;
            String body = body(u, t.audience());
            long timestamp = clock.now().toEpochSecond();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(t.url())
                    .setIdleTimeout(settings.timeout().toMillis())
                    .putHeader("Content-Type", "application/json").putHeader("User-Agent", "wangge-webhooks")
                    .putHeader("Wangge-Event-Id", u.cursor).putHeader("Wangge-Endpoint-Id", NodeType.WEBHOOK_ENDPOINT.id(id))
                    .putHeader("Wangge-Signature", signature(secret, timestamp, body));
            return client.request(request)
                    .chain(r -> r.send(Buffer.buffer(body)))
                    .chain(response -> response.body().map(ignored -> new Attempt(response.statusCode(),
                            response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode())))
                    .ifNoItem().after(settings.timeout()).fail()
                    .onFailure().recoverWithItem(e -> new Attempt(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }

        /** Writes the cursor's move and what was delivered; false when the lease is lost (the worker stops). */
        private Uni<Boolean> flush() {
            if (delivered.isEmpty() && acked == written) {
                return Uni.createFrom().item(true);
            }
            List<WebhookService.Delivered> batch = List.copyOf(delivered);
            delivered.clear();
            lastFlush = System.currentTimeMillis();
            long cursor = acked;
            return service.acknowledge(owner, id, cursor, batch).map(held -> {
                if (!held) {
                    drop(id);
                } else {
                    written = Math.max(written, cursor);
                }
                return held;
            });
        }

        /** Waits before the next attempt, doubling each time; after the give-up time, pauses the endpoint. */
        private Uni<Boolean> failed(CaseUpdate u, Attempt attempt) {
            attempts++;
            OffsetDateTime now = clock.now();
            if (failingSince == null) {
                failingSince = now;
            }
            boolean pause = Duration.between(failingSince, now).compareTo(settings.giveUpAfter()) >= 0;
            long wait = Math.min(settings.maxBackoff().toMillis(), settings.firstBackoff().toMillis() << Math.min(attempts - 1, 30));
            wait = wait + ThreadLocalRandom.current().nextLong(wait / 5 + 1); // receivers coming back are not hit all at once
            OffsetDateTime next = now.plus(Duration.ofMillis(wait));
            notBefore = System.currentTimeMillis() + wait;
            String error = attempt.error();
            return service.failed(owner, id, u.seq, attempts, attempt.status(), error, failingSince, next, pause).map(held -> {
                if (!held || pause) {
                    if (pause) {
                        LOG.warn("Webhook endpoint " + id + " failed for " + settings.giveUpAfter() + " and is paused: " + error);
                    }
                    drop(id);
                    return false;
                }
                retryTimer = vertx.setTimer(Math.max(1, notBefore - System.currentTimeMillis()), t -> kick());
                return false;
            });
        }
    }
}
