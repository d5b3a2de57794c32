package org.wangge.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.wangge.platform.RequestIds;

/** The REST endpoints (uploads) answer client errors with the same codes as the graph, and the request's id. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        int status = switch (e.code()) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN, PERSISTED_QUERY_REQUIRED -> 403;
            case NOT_FOUND, PERSISTED_QUERY_NOT_FOUND -> 404;
            case VALIDATION -> 400;
            case CONFLICT, INVALID_TRANSITION -> 409;
            case COST_LIMIT, DEPTH_LIMIT, COMPLEXITY_LIMIT, BAD_REQUEST -> 400;
            case RATE_LIMITED -> 429;
            case TIMEOUT, BUSY -> 503;
            case INTERNAL -> 500;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.putAll(e.getExtensions());
        String requestId = RequestIds.current();
        if (requestId != null) {
            body.put(RequestIds.KEY, requestId);
        }
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (e.details().get("retryAfter") instanceof Number seconds) {
            response.header("Retry-After", seconds.toString());
        }
        return response.build();
    }
}
