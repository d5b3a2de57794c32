package org.wangge.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Runs a write as one transaction and turns what the database refused into coded client
 * errors: a lost optimistic race or a violated uniqueness rule is a CONFLICT, never a
 * stack trace; nothing of a failed write stays behind.
 */
public final class Tx {

    private static final Logger LOG = Logger.getLogger(Tx.class);
    // Hibernate Reactive does not always carry the constraint name; PostgreSQL's message does.
    private static final Pattern CONSTRAINT_IN_MESSAGE = Pattern.compile("constraint \"([^\"]+)\"");

    private Tx() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).onFailure().transform(Tx::translate);
    }

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
                return ApiException.conflict("It was changed by someone else meanwhile; reload and try again");
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
            // statement_timeout (wangge.db.statement-timeout) cancelled it
            case "57014" -> new ApiException(ErrorCode.TIMEOUT, "The database took too long and the statement was cancelled; ask for less or try again");
            default -> null;
        };
    }
}
