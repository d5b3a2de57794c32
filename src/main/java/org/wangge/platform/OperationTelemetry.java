package org.wangge.platform;

import graphql.ErrorClassification;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.spi.EventingService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What the GraphQL executor shows of each operation, through a graphql-java instrumentation chained
 * in front of SmallRye's (the same build hook {@code CostLimit} uses):
 * <ul>
 * <li>a span per operation, named as OpenTelemetry's semantic conventions name GraphQL spans: the
 * operation type and its name ({@code query GridPage}), the type alone for an anonymous operation
 * ({@code query}), {@code GraphQL Operation} when the document names none it can run. It is the
 * current span while the operation runs, so the SQL statements of its resolvers and data loaders
 * (the reactive pool's spans) hang beneath it. The document and variables are not recorded: they
 * may hold personal data.</li>
 * <li>the request id ({@link RequestIds}) in every error's {@code extensions.requestId};</li>
 * <li>a log line, with that id, for every error answered as "Internal error" (the client sees no
 * more than that; the stack trace is here and on the span).</li>
 * </ul>
 * SmallRye GraphQL's own tracing ({@code quarkus.smallrye-graphql.tracing.enabled}) is turned off in
 * favour of this: it names spans {@code GraphQL:Name}, every anonymous one alike.
 * Registered in META-INF/services; SmallRye enables a service without a config key always.
 */
public class OperationTelemetry implements EventingService {

    static final String SCOPE = "org.wangge.graphql";
    static final String UNNAMED = "GraphQL Operation";
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");

    private static final Logger LOG = Logger.getLogger(OperationTelemetry.class);

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // the builder's instrumentation cannot be read: build once, then chain ours in front of it
        GraphQL built = builder.build();
        Instrumentation theirs = built.getInstrumentation();
        GraphQL.Builder[] rebuilt = new GraphQL.Builder[1];
        built.transform(b -> {
            b.instrumentation(OperationInstrumentation.prepend(new Observer(), theirs));
            rebuilt[0] = b;
        });
        return rebuilt[0];
    }

    /** One operation: its request id, its span and, while it runs, the scope that makes the span current. */
    static final class Operation implements InstrumentationState {
        final String requestId;
        volatile Span span = Span.getInvalid();
        volatile Scope scope;
        final AtomicBoolean ended = new AtomicBoolean();

        Operation(String requestId) {
            this.requestId = requestId;
        }

        void name(OperationDefinition operation) {
            if (operation == null || operation.getOperation() == null) {
                return;
            }
            String type = operation.getOperation().name().toLowerCase(Locale.ROOT);
            String name = operation.getName();
            span.updateName(name == null ? type : type + " " + name);
            span.setAttribute(OPERATION_TYPE, type);
            if (name != null) {
                span.setAttribute(OPERATION_NAME, name);
            }
        }
    }

    static final class Observer extends OperationInstrumentation {

        private volatile Tracer tracer;

        @Override
        public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
            // on the request's own thread and context: the id set for it by RequestIds (none on sockets)
            String id = RequestIds.current();
            return new Operation(id != null ? id : RequestIds.fresh());
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            Operation operation = (Operation) state;
            Span span = tracer().spanBuilder(UNNAMED).setParent(Context.current()).startSpan();
            operation.span = span;
            // Current in the request's duplicated context, where the reactive pool looks for the parent
            // of a statement's span, whichever thread runs it. Elsewhere (no such context) the scope
            // would be a thread's, closed on another: leave the span a sibling there.
            if (span.isRecording() && VertxContext.isOnDuplicatedContext()) {
                operation.scope = Context.current().with(span).makeCurrent();
            }
            return SimpleInstrumentationContext.whenCompleted((result, failure) -> finish(operation, result, failure));
        }

        @Override
        public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                InstrumentationState state) {
            // named already here so that an operation refused by validation carries its name too
            ((Operation) state).name(chosen(parameters.getDocument(), parameters.getOperation()));
            return null;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            ((Operation) state).name(parameters.getExecutionContext().getOperationDefinition());
            return null;
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            Operation operation = (Operation) state;
            List<GraphQLError> errors = result.getErrors();
            for (GraphQLError error : errors) {
                if (internal(error) != null) {
                    log(operation, (ExceptionWhileDataFetching) error);
                }
            }
            // an execution aborted before it began ends here, every other one has ended already
            finish(operation, result, null);
            if (errors.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> identified = new ArrayList<>(errors.size());
            for (GraphQLError error : errors) {
                identified.add(identified(error, operation.requestId));
            }
            return CompletableFuture.completedFuture(result.transform(b -> b.errors(identified)));
        }

        /** Ends the span once (a subscription's events come back to instrumentExecutionResult). */
        private static void finish(Operation operation, ExecutionResult result, Throwable failure) {
            if (!operation.ended.compareAndSet(false, true)) {
                return;
            }
            Span span = operation.span;
            if (failure != null) {
                span.recordException(failure);
            }
            if (result != null) {
                for (GraphQLError error : result.getErrors()) {
                    Throwable internal = internal(error);
                    if (internal != null) {
                        span.recordException(internal);
                    }
                }
            }
            if (failure != null || (result != null && !result.getErrors().isEmpty())) {
                span.setStatus(StatusCode.ERROR);
            }
            if (operation.scope != null) {
                operation.scope.close();
            }
            span.end();
        }

        /** What a resolver threw that the client sees only as "Internal error", else null. */
        private static Throwable internal(GraphQLError error) {
            return error instanceof ExceptionWhileDataFetching fetching && !(fetching.getException() instanceof GraphQLError)
                    ? fetching.getException()
                    : null;
        }

        private static void log(Operation operation, ExceptionWhileDataFetching error) {
            // the id in the logging context of whichever thread completes the operation
            Object before = MDC.put(RequestIds.KEY, operation.requestId);
            try {
                LOG.errorf(error.getException(), "Internal error answered at %s", error.getPath());
            } finally {
                if (before == null) {
                    MDC.remove(RequestIds.KEY);
                } else {
                    MDC.put(RequestIds.KEY, before);
                }
            }
        }

        private Tracer tracer() {
            Tracer known = tracer;
            if (known == null) {
                known = Arc.container().instance(OpenTelemetry.class).get().getTracer(SCOPE);
                tracer = known;
            }
            return known;
        }
    }

    /** The operation a document runs: the one named, or its only one. */
    static OperationDefinition chosen(Document document, String name) {
        if (document == null) {
            return null;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        for (OperationDefinition operation : operations) {
            if (name.equals(operation.getName())) {
                return operation;
            }
        }
        return null;
    }

    /** The error as it was, its extensions with the request id added. */
    static GraphQLError identified(GraphQLError error, String requestId) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        ErrorClassification type = error.getErrorType();
        if (type != null && !extensions.containsKey("classification")) {
            extensions.put("classification", type.toSpecification(error));
        }
        extensions.put(RequestIds.KEY, requestId);
        if (error instanceof AbortExecutionException aborted) {
            // stays an AbortExecutionException: Quarkus's writer tells aborted executions by that class
            return new Aborted(aborted, extensions);
        }
        return new Identified(error, extensions);
    }

    private record Identified(GraphQLError error, Map<String, Object> extensions) implements GraphQLError {
        @Override
        public String getMessage() {
            return error.getMessage();
        }

        @Override
        public List<SourceLocation> getLocations() {
            return error.getLocations();
        }

        @Override
        public List<Object> getPath() {
            return error.getPath();
        }

        @Override
        public ErrorClassification getErrorType() {
            return error.getErrorType();
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }
    }

    private static final class Aborted extends AbortExecutionException {
        private final AbortExecutionException original;
        private final Map<String, Object> extensions;

        Aborted(AbortExecutionException original, Map<String, Object> extensions) {
            super(original.getMessage(), original);
            this.original = original;
            this.extensions = extensions;
        }

        @Override
        public List<SourceLocation> getLocations() {
            return original.getLocations();
        }

        @Override
        public List<Object> getPath() {
            return original.getPath();
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }
    }
}
