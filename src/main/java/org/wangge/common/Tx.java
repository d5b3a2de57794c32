package org.wangge.common;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Every write: {@link #run} opens one transaction and hands the work a {@code Tx}, the only way to
 * the write side (entities and SQL statements alike), and turns what the database refused into
 * coded client errors: a lost optimistic race or a violated uniqueness rule is a CONFLICT, never a
 * stack trace; nothing of a failed write stays behind. A {@code Tx} is good only inside the
 * {@code run} that made it, and for one thing at a time: chain its calls, never run them side by
 * side (a session runs one statement at a time).
 *
 * <p>Statements take PostgreSQL's {@code $1, $2, …} placeholders, as the reads through {@link Sql}
 * do; they run as native queries of the transaction's Hibernate Reactive session (which numbers
 * its parameters {@code ?1, ?2, …}: translated here), so that entities and statements of one
 * write share its connection and transaction. A parameter whose type PostgreSQL cannot infer
 * (a null compared, an array unnested) needs a cast; array columns cannot be read back.
 */
public final class Tx {

    private static final Logger LOG = Logger.getLogger(Tx.class);
    // Hibernate Reactive does not always carry the constraint name; PostgreSQL's message does.
    private static final Pattern CONSTRAINT_IN_MESSAGE = Pattern.compile("constraint \"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)(::)?");
    private static final String LOST_RACE = "It was changed by someone else meanwhile; reload and try again";

    private final Mutiny.Session session;

    private Tx(Mutiny.Session session) {
        this.session = session;
    }

    /**
     * Runs {@code work} as one transaction. Callers on a Vert.x event loop (resolvers, scheduled
     * jobs) run there; others (the import's worker, blocking endpoints, tests) are given a Vert.x
     * context of their own, which Hibernate Reactive needs.
     */
    public static <T> Uni<T> run(Function<Tx, Uni<T>> work) {
        return attempt(work).onFailure().transform(Tx::translate);
    }

    /**
     * {@link #run} for work that takes table locks in an order of its own (a new county's
     * partitions: DDL on each large table), which can deadlock with ordinary statements. PostgreSQL
     * then rolls one side back; when that is this work, it runs again (at most three times in all):
     * nothing of the rolled-back attempt remains.
     */
    public static <T> Uni<T> runAgainOnDeadlock(Function<Tx, Uni<T>> work) {
        return attempt(work).onFailure(Tx::deadlock).retry().atMost(2).onFailure().transform(Tx::translate);
    }

    private static boolean deadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "40P01".equals(pg.getSqlState())
                    || t instanceof JDBCException jdbc && "40P01".equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static <T> Uni<T> attempt(Function<Tx, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            // a request that writes reads the primary from here on, and so does its caller until the replica has the write
            ReadRoute route = ReadRoute.current();
            if (route != null) {
                route.writing();
            }
            Uni<T> done;
            if (onEventLoopContext()) {
                done = transaction(work);
            } else {
                done = Uni.createFrom().<T>emitter(emitter -> VertxContextSupport.subscribe(() -> transaction(work).toMulti(),
                        items -> items.with(emitter::complete, emitter::fail, () -> emitter.complete(null))));
            }
            return route == null ? done : done.invoke(() -> Arc.container().instance(Sql.class).get().wrote(route));
        });
    }

    /**
     * A session of its own for each transaction, never one kept in the Vert.x context: resolvers of
     * one request run in parallel on the same context (a query's audited searches write), and would
     * otherwise share, and close, each other's session.
     */
    private static <T> Uni<T> transaction(Function<Tx, Uni<T>> work) {
        Mutiny.SessionFactory sessions = Arc.container().instance(Mutiny.SessionFactory.class).get();
        return sessions.openSession().chain(session -> session
                .withTransaction(transaction -> Uni.createFrom().deferred(() -> work.apply(new Tx(session))))
                .eventually(session::close));
    }

    private static boolean onEventLoopContext() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) && Context.isOnEventLoopThread();
    }

    // ---- statements ----

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public Uni<Integer> update(String sql, Object... args) {
        return bind(session.createNativeQuery(placeholders(sql)), args).executeUpdate();
    }

    /**
     * An UPDATE that checks the version the change was based on in its WHERE: no row changed
     * means someone else changed it meanwhile, the same CONFLICT as a stale entity.
     */
    public Uni<Void> updateVersioned(String sql, Object... args) {
        return update(sql, args).map(changed -> {
            if (changed == 0) {
                throw ApiException.conflict(LOST_RACE);
            }
            return null;
        });
    }

    /** The first column of the first row, as {@code type}, or null when there is no row. */
    public <T> Uni<T> one(String sql, Class<T> type, Object... args) {
        return list(sql, type, args).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The first column of every row, as {@code type}. */
    public <T> Uni<List<T>> list(String sql, Class<T> type, Object... args) {
        return bind(session.createNativeQuery(placeholders(sql), type), args).getResultList();
    }

    /** Every row with its columns in the order selected (a single column too comes as an array). */
    public Uni<List<Object[]>> rows(String sql, Object... args) {
        return bind(session.<Object>createNativeQuery(placeholders(sql)), args).getResultList()
                .map(list -> list.stream().map(r -> r instanceof Object[] a ? a : new Object[] {r}).toList());
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            query.setParameter(i + 1, args[i]);
        }
        return query;
    }

    /** {@code $n} becomes {@code ?n}; a cast right after it ({@code $1::int}) needs a space there. */
    static String placeholders(String sql) {
        return PLACEHOLDER.matcher(sql).replaceAll(m -> "?" + m.group(1) + (m.group(2) == null ? "" : " ::"));
    }

    // ---- entities ----

    public <E> Uni<E> find(Class<E> type, Object id) {
        return session.find(type, id);
    }

    /** Loads and locks ({@code PESSIMISTIC_READ}: FOR SHARE, {@code PESSIMISTIC_WRITE}: FOR UPDATE). */
    public <E> Uni<E> find(Class<E> type, Object id, LockModeType lock) {
        return session.find(type, id, lock);
    }

    /** Inserts a new entity now, so that its generated id is known when this completes. */
    public Uni<Void> persist(Object entity) {
        return session.persist(entity).chain(session::flush);
    }

    /** Writes the changes made to loaded entities now (checking their versions), not at commit. */
    public Uni<Void> flush() {
        return session.flush();
    }

    // ---- errors ----

    public static Throwable translate(Throwable failure) {
        ApiException mapped = known(failure);
        if (mapped != null) {
            return mapped;
        }
        LOG.error("Write failed", failure);
        return failure;
    }

    /**
     * The coded error for what the database refused or cancelled (reads and writes alike), or null
     * for anything else: the one place where SQLSTATEs become client errors.
     */
    public static ApiException known(Throwable failure) {
        String sqlState = null;
        String constraint = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ApiException.conflict(LOST_RACE);
            }
            if (t instanceof PgException pg) {
                sqlState = pg.getSqlState();
                constraint = pg.getConstraint() != null ? pg.getConstraint() : constraint;
            } else if (t instanceof JDBCException jdbc && sqlState == null) {
                sqlState = jdbc.getSQLState();
                if (jdbc instanceof ConstraintViolationException cv) {
                    constraint = cv.getConstraintName();
                }
            }
            if (constraint == null && t.getMessage() != null) {
                Matcher named = CONSTRAINT_IN_MESSAGE.matcher(t.getMessage());
                constraint = named.find() ? named.group(1) : null;
            }
        }
        return fromSqlState(sqlState, constraint);
    }

    private static ApiException fromSqlState(String state, String constraint) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "23505", "23P01" -> ApiException.conflict(Constraints.message(constraint)).with("constraint", constraint);
            case "40001", "40P01", "55P03" -> ApiException.conflict("A concurrent change got there first; try again");
            case "23503", "23514" -> ApiException.validation(null, Constraints.message(constraint)).with("constraint", constraint);
            // a text the database cannot store (a NUL character), from an input not checked by Check.text
            case "22021", "22P05" -> ApiException.validation(null, "A text contains a character that cannot be stored");
            // statement_timeout (wangge.db.statement-timeout) cancelled it
            case "57014" -> new ApiException(ErrorCode.TIMEOUT, "The database took too long and the statement was cancelled; ask for less or try again");
            default -> null;
        };
    }
}
