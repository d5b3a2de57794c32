package org.wangge.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Hands the rows of one batched statement back to the parents that asked, in their order. */
public final class Batch {

    private Batch() {
    }

    /** Rows by their key. */
    public static <K, V> Map<K, V> index(Collection<V> rows, Function<V, K> key) {
        Map<K, V> byKey = new HashMap<>();
        rows.forEach(v -> byKey.put(key.apply(v), v));
        return byKey;
    }

    /** For each owner, the rows that belong to it (in row order), or an empty list. */
    public static <K, O, V> List<List<V>> group(List<O> owners, Function<O, K> ownerKey, Collection<V> rows, Function<V, K> rowKey) {
        Map<K, List<V>> byKey = new HashMap<>();
        rows.forEach(v -> byKey.computeIfAbsent(rowKey.apply(v), k -> new ArrayList<>()).add(v));
        List<List<V>> out = new ArrayList<>(owners.size());
        for (O owner : owners) {
            out.add(byKey.getOrDefault(ownerKey.apply(owner), List.of()));
        }
        return out;
    }

    /** For each owner, the row its reference points at (null for no reference). */
    public static <K, O, V> List<V> pick(List<O> owners, Function<O, K> reference, Map<K, V> rows) {
        List<V> out = new ArrayList<>(owners.size());
        for (O owner : owners) {
            K key = reference.apply(owner);
            out.add(key == null ? null : rows.get(key));
        }
        return out;
    }

    /**
     * Answers a batch field only for the parents that pass {@code shown} and fills
     * {@code hidden} for the rest, keeping the batch order (one load for the shown ones).
     */
    public static <O, T> io.smallrye.mutiny.Uni<List<T>> onlyFor(List<O> batch, java.util.function.Predicate<O> shown, T hidden,
            Function<List<O>, io.smallrye.mutiny.Uni<List<T>>> load) {
        List<O> visible = batch.stream().filter(shown).toList();
        if (visible.size() == batch.size()) {
            return load.apply(batch);
        }
        io.smallrye.mutiny.Uni<List<T>> loaded = visible.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(List.of()) : load.apply(visible);
        return loaded.map(values -> {
            List<T> out = new ArrayList<>(batch.size());
            int next = 0;
            for (O item : batch) {
                out.add(next < visible.size() && visible.get(next) == item ? values.get(next++) : hidden);
            }
            return out;
        });
    }
}
