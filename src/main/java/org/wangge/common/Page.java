package org.wangge.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list: lists are fetched with {@code first + 1} rows so that
 * the extra row tells whether a next page exists without a count.
 */
public record Page<T>(List<T> items, boolean hasNextPage, boolean hasPreviousPage) {

    public static <T> Page<T> of(List<T> fetched, int first, String after) {
        boolean more = fetched.size() > first;
        return new Page<>(more ? List.copyOf(fetched.subList(0, first)) : fetched, more, after != null);
    }

    /** Edges built with {@code edge(cursor, node)} and the matching page info. */
    public <E> List<E> edges(Function<T, String> cursor, EdgeFactory<T, E> edge) {
        List<E> edges = new ArrayList<>(items.size());
        for (T item : items) {
            edges.add(edge.make(cursor.apply(item), item));
        }
        return edges;
    }

    public PageInfo pageInfo(Function<T, String> cursor) {
        return new PageInfo(hasNextPage, hasPreviousPage,
                items.isEmpty() ? null : cursor.apply(items.get(0)),
                items.isEmpty() ? null : cursor.apply(items.get(items.size() - 1)));
    }

    @FunctionalInterface
    public interface EdgeFactory<T, E> {
        E make(String cursor, T node);
    }
}
