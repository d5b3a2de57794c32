package org.wangge.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Runs a write as one transaction and turns what the database refused into coded client
 * errors: a lost optimistic race or a violated uniqueness rule is a CONFLICT, never a
 * stack trace; nothing of a failed write stays behind.
 */
public final class Tx {

    private static final Logger LOG = Logger.getLogger(Tx.class);

    private Tx() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).onFailure().transform(Tx::translate);
    }

    public static Throwable translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ApiException.conflict("It was changed by someone else meanwhile; reload and try again");
            }
            if (t instanceof PgException pg) {
                ApiException mapped = fromSqlState(pg);
                if (mapped != null) {
                    return mapped;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        LOG.error("Write failed", failure);
        return failure;
    }

    private static ApiException fromSqlState(PgException pg) {
        String state = pg.getSqlState();
        if (state == null) {
            return null;
        }
        String constraint = pg.getConstraint();
        return switch (state) {
            case "23505", "23P01" -> ApiException.conflict(Constraints.message(constraint)).with("constraint", constraint);
            case "40001", "40P01", "55P03" -> ApiException.conflict("A concurrent change got there first; try again");
            case "23503", "23514" -> ApiException.validation(null, Constraints.message(constraint)).with("constraint", constraint);
            default -> null;
        };
    }
}
