package org.wangge.platform;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The id of the HTTP request being served: the caller's {@code X-Request-Id} when it is sane, else
 * one made for the request and kept on it, so every record of one request carries the same id.
 * Quarkus keeps the current request in a runtime class, hence its place here.
 */
public final class RequestIds {

    private static final String KEY = "wangge.request-id";

    private RequestIds() {
    }

    /** This request's id; a fresh one outside any HTTP request (a job). */
    public static String current() {
        try {
            RoutingContext rc = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
            if (rc != null) {
                String id = rc.get(KEY);
                if (id == null) {
                    String header = rc.request().getHeader("X-Request-Id");
                    id = header != null && !header.isBlank() && header.length() <= 100 ? header : UUID.randomUUID().toString();
                    rc.put(KEY, id);
                }
                return id;
            }
        } catch (RuntimeException e) {
            // no HTTP request (a job, a socket's later message): fall through
        }
        return UUID.randomUUID().toString();
    }
}
