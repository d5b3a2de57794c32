package org.wangge.common;

import java.util.Collection;
import java.util.function.Function;

/**
 * The counties of rows already read, bound into a read of what hangs off them: their partitions
 * (V46) are the only ones PostgreSQL plans and reads.
 */
public final class Counties {

    private Counties() {
    }

    /** The distinct counties, or null (every county) when one of the rows does not know its own. */
    public static <T> String[] of(Collection<T> rows, Function<T, String> county) {
        String[] counties = rows.stream().map(county).distinct().toArray(String[]::new);
        return java.util.Arrays.asList(counties).contains(null) ? null : counties;
    }

    /** The condition on {@code column} for placeholder {@code $n} bound to {@link #of}'s value. */
    public static String condition(String column, int n) {
        return "($" + n + "::text[] IS NULL OR " + column + " = ANY($" + n + "::text[]))";
    }
}
