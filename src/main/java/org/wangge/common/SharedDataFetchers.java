package org.wangge.common;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * SmallRye GraphQL builds a data loader for every batch field of the schema on every request,
 * and each needs a data fetcher, whose constructor looks its resolver method up by reflection.
 * The fetchers hold no per-request state (the schema's own are shared by all requests), so one
 * per operation is made and reused: a request no longer pays for the schema's size.
 * Registered in META-INF/services ahead of Quarkus's own service (lower priority number).
 */
public class SharedDataFetchers implements DataFetcherService {

    private final QuarkusDataFetcherService quarkus = new QuarkusDataFetcherService();
    private final Map<Key, PlugableBatchableDataFetcher> made = new ConcurrentHashMap<>();

    /** Identity of the schema model's objects: their equals compares every attribute. */
    private record Key(Operation operation, Type type, int kind) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.operation == operation && k.type == type && k.kind == kind;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(operation) * 31 + System.identityHashCode(type) + kind;
        }
    }

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher getUniDataFetcher(Operation operation, Type type) {
        return shared(operation, type, 0, quarkus::getUniDataFetcher);
    }

    @Override
    public PlugableBatchableDataFetcher getCompletionStageDataFetcher(Operation operation, Type type) {
        return shared(operation, type, 1, quarkus::getCompletionStageDataFetcher);
    }

    @Override
    public PlugableBatchableDataFetcher getDefaultDataFetcher(Operation operation, Type type) {
        return shared(operation, type, 2, quarkus::getDefaultDataFetcher);
    }

    private PlugableBatchableDataFetcher shared(Operation operation, Type type, int kind,
            BiFunction<Operation, Type, PlugableBatchableDataFetcher> make) {
        return made.computeIfAbsent(new Key(operation, type, kind), k -> make.apply(operation, type));
    }
}
