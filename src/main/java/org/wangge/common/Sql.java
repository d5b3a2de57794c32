package org.wangge.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reads go straight to the reactive pool (no Hibernate session: resolvers run in parallel and
 * a session is not thread-safe). Every statement is counted, so the number of statements a
 * GraphQL request issues is observable in metrics and in tests (no N+1). Writes go through
 * {@link Tx#run}; the one exception is the case report's single statement (DEVELOPERS.md).
 */
@ApplicationScoped
public class Sql {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Sql.class);

    private final Pool pool;
    private final AtomicLong statements = new AtomicLong();
    private final Counter counter;

    public Sql(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.counter = Counter.builder("wangge.sql.statements")
                .description("SQL statements issued by the read path")
                .register(registry);
    }

    public Uni<RowSet<Row>> query(String sql, Tuple args) {
        statements.incrementAndGet();
        counter.increment();
        return pool.preparedQuery(sql).execute(args).onFailure().transform(Sql::asException);
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
        return pool.getConnection().call(c -> c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
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
