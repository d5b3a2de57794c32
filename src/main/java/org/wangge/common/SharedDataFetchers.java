package org.wangge.common;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Two per-request costs of SmallRye GraphQL taken away, answers unchanged:
 * <ul>
 * <li>It builds a data loader for every batch field of the schema on every request, and each needs
 * a data fetcher, whose constructor looks its resolver method up by reflection. The fetchers hold
 * no per-request state (the schema's own are shared by all requests), so one per operation is made
 * and reused: a request no longer pays for the schema's size.</li>
 * <li>For every plain field of every object it clones its request context and renders the field's
 * selection twice, which nothing reads for a public field returned as it is. Such fields (no
 * getter, no list or other wrapper, no transformation or adapter) are read directly.</li>
 * </ul>
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

    @Override
    public PlugableDataFetcher getFieldDataFetcher(Field field, Type type, Reference owner) {
        Reference ref = field.getReference();
        boolean plain = field.getMethodName() == null && !field.hasWrapper()
                && !(ref.getType() == ReferenceType.SCALAR && !ref.getClassName().equals(ref.getGraphQLClassName()))
                && !field.isAdaptingTo() && !field.isAdaptingWith() && !ref.isAdaptingTo() && !ref.isAdaptingWith();
        return plain ? new PlainField<>(owner.getClassName(), field.getPropertyName()) : null;
    }

    /** A public field's value as it is, as SmallRye's own fetcher gives it for such a field. */
    private static final class PlainField<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {
        private final String owner;
        private final String name;
        private volatile java.lang.reflect.Field field;

        PlainField(String owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            java.lang.reflect.Field f = field;
            if (f == null) {
                // the types are registered for reflection by SmallRye (its own fetcher reads them the same way)
                f = Class.forName(owner, false, Thread.currentThread().getContextClassLoader()).getField(name);
                field = f;
            }
            return (T) f.get(dfe.getSource());
        }
    }

    private PlugableBatchableDataFetcher shared(Operation operation, Type type, int kind,
            BiFunction<Operation, Type, PlugableBatchableDataFetcher> make) {
        return made.computeIfAbsent(new Key(operation, type, kind), k -> make.apply(operation, type));
    }
}
