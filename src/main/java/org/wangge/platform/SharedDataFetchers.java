package org.wangge.platform;

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
import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import io.quarkus.arc.Arc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.dataloader.BatchLoaderEnvironment;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Visibility;
import org.wangge.common.ApiException;

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
 * <li>For every parent of a batched field ({@code @Source List<…>}) it fills its request context
 * with that field (the selection rendered as JSON twice), fires a before-fetch event and wraps the
 * data loader's future in a Uni: then the batch loader fills the context again, once per batch,
 * which is what the resolver sees. {@link #loadedFields} puts a fetcher in their place that hands
 * the parent and its arguments to the same data loader, as SmallRye's does, and nothing else
 * (no listener of ours or of the extensions in use reads the per-parent event).</li>
 * <li>A node's {@code id} is read through {@link org.wangge.common.Node}, not by reflection.</li>
 * </ul>
 * And the one place where visibility is enforced: every resolver's answer and every object-valued
 * field passes through {@link Visibility}, so an object the caller may not see leaves no path,
 * whichever resolver produced it.
 * Registered in META-INF/services ahead of Quarkus's own service (lower priority number).
 */
public class SharedDataFetchers implements DataFetcherService {

    private final QuarkusDataFetcherService quarkus = new QuarkusDataFetcherService();
    private final Map<Key, PlugableBatchableDataFetcher> made = new ConcurrentHashMap<>();
    private volatile Boolean shortcuts;

    /** {@code wangge.platform.fetcher-shortcuts}, read when the schema is first built. */
    private boolean shortcuts() {
        Boolean on = shortcuts;
        if (on == null) {
            on = PlatformSwitches.on("fetcher-shortcuts");
            shortcuts = on;
        }
        return on;
    }

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

    // ---- batched fields ----

    /**
     * Source operations by their field's coordinates ("Type.field"), as SmallRye asks this service
     * for their loaders (when it makes a request's data loaders, before the request executes).
     */
    private static final Map<String, Operation> SOURCE_OPERATIONS = new ConcurrentHashMap<>();

    private static void remember(Operation operation) {
        if (operation.getSourceFieldOn() != null) {
            SOURCE_OPERATIONS.putIfAbsent(operation.getSourceFieldOn().getName() + "." + operation.getName(), operation);
        }
    }

    /**
     * The schema with every batched field's fetcher (SmallRye's {@code BatchDataFetcher}) replaced
     * by a {@link LoadedField}; the schema as it is when fetcher shortcuts are off.
     */
    static graphql.schema.GraphQLSchema loadedFields(graphql.schema.GraphQLSchema schema) {
        if (!PlatformSwitches.on("fetcher-shortcuts")) {
            return schema;
        }
        graphql.schema.GraphQLCodeRegistry registry = schema.getCodeRegistry();
        graphql.schema.GraphQLCodeRegistry.Builder changed = graphql.schema.GraphQLCodeRegistry.newCodeRegistry(registry);
        boolean any = false;
        for (graphql.schema.GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof graphql.schema.GraphQLObjectType object) || object.getName().startsWith("__")) {
                continue;
            }
            for (graphql.schema.GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                graphql.schema.FieldCoordinates at = graphql.schema.FieldCoordinates.coordinates(object.getName(), field.getName());
                if (registry.getDataFetcher(at, field) instanceof io.smallrye.graphql.execution.datafetcher.BatchDataFetcher<?> theirs) {
                    changed.dataFetcher(at, new LoadedField(object.getName() + "." + field.getName(), theirs));
                    any = true;
                }
            }
        }
        return any ? schema.transform(b -> b.codeRegistry(changed.build())) : schema;
    }

    /**
     * A batched field: the parent and its arguments handed to the field's data loader, as SmallRye's
     * own fetcher hands them. The operation is known once SmallRye has asked for its loader (every
     * request does before it executes); until then, SmallRye's fetcher answers.
     */
    private static final class LoadedField implements graphql.schema.DataFetcher<Object> {
        private final String coordinates;
        private final graphql.schema.DataFetcher<?> theirs;
        private volatile io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper arguments;
        private volatile String loader;

        LoadedField(String coordinates, graphql.schema.DataFetcher<?> theirs) {
            this.coordinates = coordinates;
            this.theirs = theirs;
        }

        @Override
        public Object get(DataFetchingEnvironment dfe) throws Exception {
            String name = loader;
            if (name == null) {
                Operation operation = SOURCE_OPERATIONS.get(coordinates);
                if (operation == null) {
                    return theirs.get(dfe);
                }
                arguments = new io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper(operation.getArguments());
                name = new io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper().getName(operation);
                loader = name;
            }
            Map<String, Object> context = new java.util.HashMap<>(4);
            context.put(io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper.ARGUMENTS, arguments.getArguments(dfe, true));
            context.put(io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, dfe);
            return loader(dfe, name).load(dfe.getSource(), context);
        }

        /**
         * The field's data loader for these arguments: SmallRye's loader answers a whole batch with
         * its first parent's arguments, so aliases of one field with different arguments
         * ({@code a: cases(first: 5) b: cases(first: 20)}) each get a loader of their own, a copy of
         * SmallRye's (same batch function and options) registered for the request.
         */
        private static org.dataloader.DataLoader<Object, Object> loader(DataFetchingEnvironment dfe, String name) {
            Map<String, Object> given = dfe.getArguments();
            if (given.isEmpty()) {
                return dfe.getDataLoader(name);
            }
            String keyed = name + given;
            org.dataloader.DataLoader<Object, Object> own = dfe.getDataLoader(keyed);
            if (own != null) {
                return own;
            }
            org.dataloader.DataLoader<Object, Object> theirs = dfe.getDataLoader(name);
            return dfe.getDataLoaderRegistry().computeIfAbsent(keyed, k -> theirs.transform(b -> b.name(k)));
        }
    }

    @Override
    public PlugableDataFetcher getFieldDataFetcher(Field field, Type type, Reference owner) {
        Reference ref = field.getReference();
        boolean plain = field.getMethodName() == null && !field.hasWrapper()
                && !(ref.getType() == ReferenceType.SCALAR && !ref.getClassName().equals(ref.getGraphQLClassName()))
                && !field.isAdaptingTo() && !field.isAdaptingWith() && !ref.isAdaptingTo() && !ref.isAdaptingWith();
        boolean object = ref.getType() != ReferenceType.SCALAR && ref.getType() != ReferenceType.ENUM;
        if ("getId".equals(field.getMethodName()) && shortcuts()) {
            return new NodeIdField(new io.smallrye.graphql.execution.datafetcher.FieldDataFetcher<>(field, type, owner));
        }
        if (plain && shortcuts()) {
            PlugableDataFetcher<Object> read = new PlainField<>(owner.getClassName(), field.getPropertyName());
            return object ? new GuardedField(read, field.isNotNull()) : read;
        }
        return object ? new GuardedField(new io.smallrye.graphql.execution.datafetcher.FieldDataFetcher<>(field, type, owner), field.isNotNull())
                : null;
    }

    // ---- visibility ----

    private static final String CALLER = "wangge.caller";

    /** The caller of this execution, resolved once; nobody (who sees nothing guarded) when there is none. */
    static Caller caller(GraphQLContext context) {
        Caller known = context == null ? null : context.get(CALLER);
        if (known != null) {
            return known;
        }
        Caller caller;
        try {
            caller = Arc.container().instance(CurrentCaller.class).get().get();
        } catch (RuntimeException none) {
            caller = Caller.of("", "", java.util.Set.of());
        }
        if (context != null) {
            context.put(CALLER, caller);
        }
        return caller;
    }

    @SuppressWarnings("unchecked")
    static Object guard(Caller caller, Object value, boolean required) {
        if (value instanceof CompletionStage<?> stage) {
            return stage.thenApply(v -> guard(caller, v, required));
        }
        if (value instanceof DataFetcherResult<?> result) {
            if (result.getData() == null) {
                return result;
            }
            try {
                return ((DataFetcherResult<Object>) result).transform(b -> b.data(Visibility.filter(caller, result.getData(), required)));
            } catch (ApiException hidden) {
                return DataFetcherResult.newResult().errors(result.getErrors()).error(hidden).build();
            }
        }
        return Visibility.filter(caller, value, required);
    }

    /** An object-valued field of an object, as the caller may see it. */
    private static final class GuardedField implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object> {
        private final graphql.schema.DataFetcher<?> read;
        private final boolean required;

        GuardedField(graphql.schema.DataFetcher<?> read, boolean required) {
            this.read = read;
            this.required = required;
        }

        @Override
        public Object get(DataFetchingEnvironment dfe) throws Exception {
            Object value = read.get(dfe);
            return value == null ? null : guard(caller(dfe.getGraphQlContext()), value, required);
        }
    }

    /** An operation (root field or batched field), its answers as the caller may see them. */
    private static final class GuardedOperation implements PlugableBatchableDataFetcher<Object, Object> {
        private final PlugableBatchableDataFetcher<Object, Object> operation;
        private final boolean required;

        GuardedOperation(PlugableBatchableDataFetcher<Object, Object> operation, boolean required) {
            this.operation = operation;
            this.required = required;
        }

        @Override
        public Object get(DataFetchingEnvironment dfe) throws Exception {
            Object value = operation.get(dfe);
            return guard(caller(dfe.getGraphQlContext()), value, required);
        }

        @Override
        public CompletionStage<List<Object>> load(List<Object> keys, BatchLoaderEnvironment env) {
            GraphQLContext context = null;
            List<Object> contexts = env.getKeyContextsList();
            if (!contexts.isEmpty() && contexts.get(0) instanceof Map<?, ?> m && m.get("dataFetchingEnvironment") instanceof DataFetchingEnvironment dfe) {
                context = dfe.getGraphQlContext();
            }
            Caller caller = caller(context);
            // one answer per parent, each filtered on its own (a hidden single answer becomes null)
            return operation.load(keys, env).thenApply(values -> {
                List<Object> out = new ArrayList<>(values.size());
                for (Object v : values) {
                    out.add(Visibility.filter(caller, v, false));
                }
                return out;
            });
        }
    }

    /** A node's global id, read through its interface rather than by reflection. */
    private static final class NodeIdField implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object> {
        private final graphql.schema.DataFetcher<?> theirs;

        NodeIdField(graphql.schema.DataFetcher<?> theirs) {
            this.theirs = theirs;
        }

        @Override
        public Object get(DataFetchingEnvironment dfe) throws Exception {
            return dfe.getSource() instanceof org.wangge.common.Node node ? node.getId() : theirs.get(dfe);
        }
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

    /**
     * SmallRye takes an {@code @Id} list argument's collection class for its elements' class, and
     * its argument transformer then refuses every element: the elements are Strings.
     */
    private static void idListArguments(Operation operation) {
        for (io.smallrye.graphql.schema.model.Argument argument : operation.getArguments()) {
            Reference ref = argument.getReference();
            if (argument.hasWrapper() && "ID".equals(ref.getName()) && ref.getClassName().equals(argument.getWrapper().getWrapperClassName())) {
                ref.setClassName(String.class.getName());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private PlugableBatchableDataFetcher shared(Operation operation, Type type, int kind,
            BiFunction<Operation, Type, PlugableBatchableDataFetcher> make) {
        idListArguments(operation);
        if (!shortcuts()) {
            return new GuardedOperation(make.apply(operation, type), operation.isNotNull());
        }
        // once per operation: the batched fields' fetchers (LoadedField) look their operation up here
        return made.computeIfAbsent(new Key(operation, type, kind), k -> {
            remember(operation);
            return new GuardedOperation(make.apply(operation, type), operation.isNotNull());
        });
    }
}
