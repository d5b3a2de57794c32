package org.wangge.platform;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * An instrumentation of this package that observes operations only (parse, validation, the
 * operation, its result), never fields. graphql-java calls every instrumentation's field hooks for
 * every field (fetch, completion, list completion), and a {@link ChainedInstrumentation} allocates
 * a context list for each call even when all its members do nothing there: a third of what a case
 * list allocated. So these are chained with {@link #prepend}: operation-level members alone make
 * one instrumentation whose field hooks are graphql-java's no-ops; any other member (SmallRye's
 * metrics or tracing, when turned on) brings back the full chain.
 */
abstract class OperationInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(OperationInstrumentation.class);

    /**
     * Instrumentations of the frameworks that observe operations only: SmallRye's document cache
     * (its {@code beginValidation}). {@code PlatformSeamTest} checks that each still declares no
     * field hook.
     */
    static final java.util.Set<String> OPERATION_LEVEL_ELSEWHERE = java.util.Set.of("io.smallrye.graphql.execution.QueryCache");

    /** The instrumentation the engine was last given (the tests read what the engine runs with). */
    static volatile Instrumentation latest;

    /** {@code ours} in front of what the engine had ({@code theirs}, possibly a chain or null), flattened. */
    static Instrumentation prepend(OperationInstrumentation ours, Instrumentation theirs) {
        List<Instrumentation> members = new ArrayList<>();
        members.add(ours);
        flatten(theirs, members);
        boolean operationLevel = members.stream()
                .allMatch(m -> m instanceof OperationInstrumentation || OPERATION_LEVEL_ELSEWHERE.contains(m.getClass().getName()));
        Instrumentation made = !operationLevel ? new ChainedInstrumentation(members) : members.size() == 1 ? ours : new Chain(members);
        LOG.debugf("GraphQL instrumentation: %s", made);
        latest = made;
        return made;
    }

    private static void flatten(Instrumentation instrumentation, List<Instrumentation> into) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            for (Instrumentation member : chained.getInstrumentations()) {
                flatten(member, into);
            }
        } else if (instrumentation instanceof Chain chain) {
            into.addAll(chain.members);
        } else if (instrumentation != null) {
            into.add(instrumentation);
        }
    }

    /** Operation-level instrumentations run one after another, each with its own state. */
    static final class Chain extends SimplePerformantInstrumentation {
        final List<Instrumentation> members;

        Chain(List<Instrumentation> members) {
            this.members = List.copyOf(members);
        }

        private record States(InstrumentationState[] each) implements InstrumentationState {
        }

        private static InstrumentationState of(InstrumentationState state, int i) {
            return state instanceof States s ? s.each[i] : null;
        }

        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            InstrumentationState[] each = new InstrumentationState[members.size()];
            CompletableFuture<?>[] pending = new CompletableFuture<?>[members.size()];
            for (int i = 0; i < each.length; i++) {
                int at = i;
                CompletableFuture<InstrumentationState> state = members.get(i).createStateAsync(parameters);
                pending[i] = state == null ? CompletableFuture.completedFuture(null) : state.thenAccept(s -> each[at] = s);
            }
            return CompletableFuture.allOf(pending).thenApply(done -> new States(each));
        }

        private <T> InstrumentationContext<T> all(Function<Integer, InstrumentationContext<T>> begin) {
            List<InstrumentationContext<T>> contexts = null;
            for (int i = 0; i < members.size(); i++) {
                InstrumentationContext<T> c = begin.apply(i);
                if (c != null) {
                    if (contexts == null) {
                        contexts = new ArrayList<>(members.size());
                    }
                    contexts.add(c);
                }
            }
            if (contexts == null) {
                return null;
            }
            List<InstrumentationContext<T>> started = contexts;
            return new InstrumentationContext<>() {
                @Override
                public void onDispatched() {
                    started.forEach(InstrumentationContext::onDispatched);
                }

                @Override
                public void onCompleted(T result, Throwable t) {
                    started.forEach(c -> c.onCompleted(result, t));
                }
            };
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters, InstrumentationState state) {
            return all(i -> members.get(i).beginExecution(parameters, of(state, i)));
        }

        @Override
        public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters, InstrumentationState state) {
            return all(i -> members.get(i).beginParse(parameters, of(state, i)));
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                InstrumentationState state) {
            return all(i -> members.get(i).beginValidation(parameters, of(state, i)));
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            return all(i -> members.get(i).beginExecuteOperation(parameters, of(state, i)));
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            for (int i = 0; i < members.size(); i++) {
                input = members.get(i).instrumentExecutionInput(input, parameters, of(state, i));
            }
            return input;
        }

        @Override
        public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables document, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            for (int i = 0; i < members.size(); i++) {
                document = members.get(i).instrumentDocumentAndVariables(document, parameters, of(state, i));
            }
            return document;
        }

        @Override
        public GraphQLSchema instrumentSchema(GraphQLSchema schema, InstrumentationExecutionParameters parameters, InstrumentationState state) {
            for (int i = 0; i < members.size(); i++) {
                schema = members.get(i).instrumentSchema(schema, parameters, of(state, i));
            }
            return schema;
        }

        @Override
        public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            for (int i = 0; i < members.size(); i++) {
                context = members.get(i).instrumentExecutionContext(context, parameters, of(state, i));
            }
            return context;
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            CompletableFuture<ExecutionResult> out = CompletableFuture.completedFuture(result);
            for (int i = 0; i < members.size(); i++) {
                int at = i;
                out = out.thenCompose(r -> members.get(at).instrumentExecutionResult(r, parameters, of(state, at)));
            }
            return out;
        }

        @Override
        public String toString() {
            return "operation-level " + members.stream().map(m -> m.getClass().getSimpleName()).toList();
        }
    }
}
