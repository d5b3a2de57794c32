package org.wangge.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reads go straight to the reactive pool (no Hibernate session: resolvers run in parallel and
 * a session is not thread-safe). Every statement is counted, so the number of statements a
 * GraphQL request issues is observable in metrics and in tests (no N+1). Writes go through
 * {@link Tx#run}; the one exception is the case report's single statement ({@link #write}).
 *
 * <p>With a replica configured ({@code wangge.db.replica.url}), a GraphQL query's reads go to it
 * unless the caller wrote something the replica has not replayed yet ({@link ReadYourWrites});
 * everything else (mutations, sockets, background work, REST) reads the primary. A replica that
 * fails a statement for want of a connection is left aside, and the statement runs on the primary.
 */
@ApplicationScoped
public class Sql {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Sql.class);

    /**
     * The longest statement a connection keeps prepared (the client's default is 2,048 characters):
     * compiled reads are longer, and planning them anew cost as much as running them.
     */
    public static final int PREPARED_SQL_LIMIT = 64 * 1024;

    private final Pool pool;
    /** The primary, for connections of their own outside the pool ({@link #lead}). */
    private final PgConnectOptions primary;
    private final Pool replica;
    private final ReadYourWrites freshness;
    private final Duration poll;
    private final Vertx vertx;
    private final AtomicLong statements = new AtomicLong();
    private final Counter counter;
    private final Counter onReplica;
    private long timer = -1;

    public Sql(Pool pool, MeterRegistry registry, DatabaseSettings settings, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.primary = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(primary::setUser);
        password.ifPresent(primary::setPassword);
        primary.addProperty("statement_timeout", settings.statementTimeout()).addProperty("application_name", "wangge-leader");
        this.vertx = vertx;
        this.counter = Counter.builder("wangge.sql.statements")
                .description("SQL statements issued by the read path")
                .register(registry);
        this.onReplica = Counter.builder("wangge.sql.replica.statements")
                .description("Statements of the read path answered by the replica")
                .register(registry);
        DatabaseSettings.Replica r = settings.replica();
        this.poll = r.poll();
        if (r.url().isPresent()) {
            PgConnectOptions options = PgConnectOptions.fromUri(r.url().get());
            if (r.url().get().indexOf('@') < 0) {
                user.ifPresent(options::setUser);
                password.ifPresent(options::setPassword);
            }
            options.addProperty("statement_timeout", settings.statementTimeout()).addProperty("jit", "off")
                    .addProperty("application_name", "wangge");
            // prepared once per connection, as on the primary's pool (Quarkus's default for PostgreSQL): a statement
            // over every county's partitions costs more to plan than to run, and a cached one is planned generically
            options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT);
            this.replica = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(r.poolSize()))
                    .connectingTo(options).using(vertx.getDelegate()).build());
            this.freshness = new ReadYourWrites(System::nanoTime, r.maxLag().toNanos(), r.writeWindow().toNanos());
            Gauge.builder("wangge.db.replica.lag", freshness, f -> f.lagNanos() / 1e9).baseUnit("seconds")
                    .description("How far behind the primary the replica is known to be").register(registry);
        } else {
            this.replica = null;
            this.freshness = null;
        }
    }

    void start(@Observes StartupEvent started) {
        if (replica != null) {
            watch();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (replica != null) {
            replica.closeAndAwait();
        }
    }

    /**
     * Compares positions: the time is taken before the primary is asked, so every write
     * acknowledged before it lies at or below the position the primary answers.
     */
    private void watch() {
        long at = freshness.now();
        pool.query("SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint").execute()
                .invoke(rows -> freshness.primaryAt(at, rows.iterator().next().getLong(0)))
                .chain(() -> replica.query("SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
                        + "ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint").execute()
                        .invoke(rows -> freshness.replicaAt(rows.iterator().next().getLong(0)))
                        .onFailure().invoke(e -> replicaDown(e)))
                .onFailure().recoverWithNull()
                .subscribe().with(done -> timer = vertx.setTimer(poll.toMillis(), t -> watch()));
    }

    private void replicaDown(Throwable e) {
        if (freshness.usable()) {
            LOG.warnf("The read replica does not answer (%s); reading from the primary", e.getMessage());
        }
        freshness.replicaDown();
    }

    /** The pool this request's next read goes to. */
    private Pool forRead() {
        if (replica == null) {
            return pool;
        }
        ReadRoute route = ReadRoute.current();
        return route != null && route.mayUseReplica() && freshness.replicaServes(route.subject()) ? replica : pool;
    }

    /** A write of this request's caller has been acknowledged: until the replica has it, they read the primary. */
    void wrote(ReadRoute route) {
        if (freshness != null) {
            freshness.wrote(route.subject());
        }
    }

    public Uni<RowSet<Row>> query(String sql, Tuple args) {
        statements.incrementAndGet();
        counter.increment();
        Pool chosen = forRead();
        if (chosen == pool) {
            return pool.preparedQuery(sql).execute(args).onFailure().transform(Sql::asException);
        }
        onReplica.increment();
        return replica.preparedQuery(sql).execute(args)
                .onFailure(Sql::replicaUnavailable).recoverWithUni(e -> {
                    replicaDown(e);
                    return pool.preparedQuery(sql).execute(args);
                })
                .onFailure().transform(Sql::asException);
    }

    /**
     * The one statement that writes outside {@link Tx#run} (the case report, DEVELOPERS.md): on the
     * primary, and the caller's later reads see it.
     */
    public <T> Uni<T> write(String sql, Tuple args, Function<Row, T> mapper) {
        ReadRoute route = ReadRoute.current();
        if (route != null) {
            route.writing();
        }
        statements.incrementAndGet();
        counter.increment();
        return pool.preparedQuery(sql).execute(args).onFailure().transform(Sql::asException).map(rows -> {
            if (route != null) {
                wrote(route);
            }
            var it = rows.iterator();
            return it.hasNext() ? mapper.apply(it.next()) : null;
        });
    }

    /**
     * A replica statement that failed for want of the replica rather than for what it asked: no
     * connection, the server shutting down, or a conflict with recovery (the replica cancelled a
     * read that held back replay). The primary answers those.
     */
    private static boolean replicaUnavailable(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001"));
        }
        return !(failure instanceof ApiException);
    }

    /**
     * What the database cancelled or refused becomes its coded error (a statement over the timeout:
     * TIMEOUT). The driver fails with bare Throwables (not Exceptions), which the GraphQL layer would
     * drop silently, answering null; make them ordinary exceptions so they surface as errors.
     */
    private static Throwable asException(Throwable failure) {
        ApiException known = Tx.known(failure);
        if (known != null) {
            return known;
        }
        if (failure instanceof Exception) {
            return failure;
        }
        LOG.error("SQL statement failed", failure);
        return new IllegalStateException("Database statement failed: " + failure.getMessage(), failure);
    }

    public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        return query(sql, args).map(rows -> mapped(rows, mapper));
    }

    private static <T> List<T> mapped(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    /**
     * A read that must see one moment over many statements (a ledger streamed page by page): one
     * connection in a read-only repeatable-read transaction, held until closed.
     */
    public Uni<Snapshot> snapshot() {
        Pool chosen = forRead();
        Uni<io.vertx.mutiny.sqlclient.SqlConnection> connection = chosen == pool ? pool.getConnection()
                : replica.getConnection().onFailure(Sql::replicaUnavailable).recoverWithUni(e -> {
                    replicaDown(e);
                    return pool.getConnection();
                });
        return connection.call(c -> c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .onFailure().call(c::close)).map(Snapshot::new);
    }

    /** The statements of one snapshot; closing it ends the transaction and gives the connection back. */
    public final class Snapshot implements AutoCloseable {
        private final io.vertx.mutiny.sqlclient.SqlConnection connection;

        private Snapshot(io.vertx.mutiny.sqlclient.SqlConnection connection) {
            this.connection = connection;
        }

        public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
            statements.incrementAndGet();
            counter.increment();
            return connection.preparedQuery(sql).execute(args).onFailure().transform(Sql::asException).map(rows -> mapped(rows, mapper));
        }

        @Override
        public void close() {
            connection.query("ROLLBACK").execute().onItemOrFailure().transformToUni((done, failed) -> connection.close())
                    .await().indefinitely();
        }
    }

    /**
     * A connection of its own on the primary holding PostgreSQL's session advisory lock {@code key}
     * (one holder in the whole deployment), or null when another session holds it. The lock goes
     * with the connection: when it is closed, or lost, whoever asks next gets it.
     */
    public Uni<Leader> lead(long key) {
        // not a pooled connection: closing it must end the session (and free the lock), not hand it to someone else
        return PgConnection.connect(vertx, primary).chain(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(key))
                .onFailure().call(c::close)
                .chain(rows -> rows.iterator().next().getBoolean(0) ? Uni.createFrom().item(new Leader(c))
                        : c.close().replaceWith((Leader) null)))
                .onFailure().transform(Sql::asException);
    }

    /** The session holding a deployment-wide lock; its statements run on that session, so none runs once the lock is lost. */
    public static final class Leader implements AutoCloseable {
        private final io.vertx.mutiny.sqlclient.SqlConnection connection;
        private volatile boolean lost;

        private Leader(io.vertx.mutiny.sqlclient.SqlConnection connection) {
            this.connection = connection;
            connection.closeHandler(() -> lost = true);
            connection.exceptionHandler(failure -> {
                LOG.warnf("The session holding a deployment-wide lock failed: %s", failure.getMessage());
                lost = true;
            });
        }

        /** Whether the session (and so the lock) is gone. */
        public boolean lost() {
            return lost;
        }

        public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
            if (lost) {
                return Uni.createFrom().failure(new IllegalStateException("The session holding the lock is gone"));
            }
            return connection.preparedQuery(sql).execute(args).onFailure().transform(Sql::asException).map(rows -> mapped(rows, mapper));
        }

        /** Ends the session, and with it the lock. */
        @Override
        public void close() {
            lost = true;
            connection.close().subscribe().with(done -> { }, failure -> { });
        }
    }

    public <T> Uni<T> one(String sql, Tuple args, Function<Row, T> mapper) {
        return query(sql, args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? mapper.apply(it.next()) : null;
        });
    }

    public long statementCount() {
        return statements.get();
    }
}
