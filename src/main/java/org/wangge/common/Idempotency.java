package org.wangge.common;

import io.smallrye.mutiny.Uni;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Retries that do the work once. A mutation given an idempotency key records it (caller, key,
 * operation, a fingerprint of the input, the id of what it made) in the transaction that does the
 * work. A retry with the same key and input within 24 hours gets that id without the work being
 * done again; concurrent ones wait on the first one's row (PostgreSQL's primary key) and then do
 * the same, on any instance; the same key with another operation or input is refused
 * ({@code VALIDATION}, field {@code idempotencyKey}).
 */
public final class Idempotency {

    /** How long a key holds. */
    public static final String KEPT = "24 hours";

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL));

    /** What a mutation was asked, to tell a retry from another request under the same key. */
    public record Key(String subject, String key, String operation, String fingerprint) {
    }

    private Idempotency() {
    }

    /**
     * The key for this request, or null when none was given (the work is then just done). The
     * input's fingerprint is a keyed hash ({@code keyedHash}: the one of ID numbers and phones), so
     * the residents' data in an input cannot be guessed back from it.
     */
    public static Key of(String subject, String given, String operation, Object input, Function<String, byte[]> keyedHash) {
        if (given == null) {
            return null;
        }
        String key = Check.text("idempotencyKey", given, 100);
        return new Key(subject, key, operation, HexFormat.of().formatHex(keyedHash.apply(operation + '\n' + JSONB.toJson(input))));
    }

    /**
     * The work's id, done once per key: inside {@code tx}, before the work, the key is claimed (a
     * concurrent claim waits for the first one's transaction); if it was claimed before, the id
     * recorded then.
     */
    public static Uni<Long> once(Tx tx, Key key, Supplier<Uni<Long>> work) {
        return claimed(tx, key, null, work);
    }

    /**
     * The same for work on a thing whose id is known before (a case's step): the id is recorded
     * with the claim, so nothing is written after the work (whose last statement is its event).
     */
    public static Uni<Long> once(Tx tx, Key key, long id, Supplier<Uni<Long>> work) {
        return claimed(tx, key, id, work);
    }

    private static Uni<Long> claimed(Tx tx, Key key, Long known, Supplier<Uni<Long>> work) {
        if (key == null) {
            return work.get();
        }
        return tx.update("INSERT INTO idempotency_key (subject, key, operation, fingerprint, result_id) VALUES ($1, $2, $3, $4, $5::bigint) "
                        + TAKE_OVER_EXPIRED, key.subject(), key.key(), key.operation(), key.fingerprint(), known)
                .chain(claimed -> {
                    if (claimed == 0) {
                        return tx.rows(EARLIER, key.subject(), key.key()).map(rows -> earlier(key, rows));
                    }
                    return known != null ? work.get()
                            : work.get().call(id -> tx.update("UPDATE idempotency_key SET result_id = $3 WHERE subject = $1 AND key = $2",
                                    key.subject(), key.key(), id));
                });
    }

    /** Removes the keys older than 24 hours (their requests may be sent again as new ones). */
    public static Uni<Integer> forgetExpired() {
        return Tx.run(tx -> tx.update("DELETE FROM idempotency_key WHERE created_at < now() - interval '" + KEPT + "'"));
    }

    /**
     * The end of a claim's INSERT: a key met again is claimed only when its 24 hours are over
     * (the row is taken over, in the same statement); a live one claims nothing, and the insert
     * waits for the transaction of an uncommitted one to end first.
     */
    public static final String TAKE_OVER_EXPIRED = "ON CONFLICT (subject, key) DO UPDATE SET operation = EXCLUDED.operation,"
            + " fingerprint = EXCLUDED.fingerprint, result_id = EXCLUDED.result_id, created_at = now()"
            + " WHERE idempotency_key.created_at < now() - interval '" + KEPT + "'";

    /** What the key recorded ({@code $1} subject, {@code $2} key), for {@link #earlier}. */
    public static final String EARLIER = "SELECT operation, fingerprint, result_id FROM idempotency_key WHERE subject = $1 AND key = $2";

    /** The id an earlier request with this key made; VALIDATION when it was another operation or input. */
    public static Long earlier(Key key, List<Object[]> rows) {
        if (rows.isEmpty()) {
            // removed between the claim and this read: only a key past its 24 hours is
            throw ApiException.conflict("The idempotency key expired meanwhile; send the request again");
        }
        Object[] row = rows.get(0);
        if (!key.operation().equals(row[0]) || !key.fingerprint().equals(row[1]) || row[2] == null) {
            throw ApiException.validation("idempotencyKey", "This idempotency key was used for another request within 24 hours");
        }
        return ((Number) row[2]).longValue();
    }

}
