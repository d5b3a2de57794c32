package org.wangge.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * Every HTTP request gets one id, answered in {@code X-Request-Id}, put in the logging context
 * ({@code %X{requestId}} in the console format) and in every GraphQL error's
 * {@code extensions.requestId} and REST error body, so that what a user reports can be found in
 * the logs and traces. The id is the client's {@code X-Request-Id} when it is sane
 * ({@link #sane}), else the request's trace id while tracing is on, else a fresh random one of the
 * same shape (32 hex digits).
 * <p>
 * The logging context lives in the request's Vert.x duplicated context (Quarkus keeps the MDC
 * there), so the id follows the request across event-loop and worker threads.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The logging-context key, and the GraphQL error extension and REST body field. */
    public static final String KEY = "requestId";
    /** Set on the request's span when the id is not the trace id (a client's own). */
    static final String SPAN_ATTRIBUTE = "wangge.request_id";
    static final int MAX_LENGTH = 64;
    /** Ahead of CORS (300) and authentication (200): their refusals carry the id too. */
    static final int PRIORITY = 500;

    void register(@Observes Filters filters) {
        filters.register(RequestIds::assign, PRIORITY);
    }

    static void assign(RoutingContext ctx) {
        String id = choose(ctx.request().getHeader(HEADER), Span.current().getSpanContext());
        MDC.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    static String choose(String offered, SpanContext span) {
        if (sane(offered)) {
            if (span.isValid() && !offered.equals(span.getTraceId())) {
                Span.current().setAttribute(SPAN_ATTRIBUTE, offered);
            }
            return offered;
        }
        return span.isValid() ? span.getTraceId() : fresh();
    }

    /**
     * A client's id is taken when it is 1 to 64 letters, digits, '.', '_' or '-': enough for UUIDs,
     * trace ids and most schemes, and nothing that could forge a log line or a header.
     */
    public static boolean sane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A new id: 32 hex digits, as a trace id (ids need to be unique, not secret). */
    public static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** The id of the request being handled here, or null outside a request (background work). */
    public static String current() {
        Object id = MDC.get(KEY);
        return id == null ? null : id.toString();
    }
}
