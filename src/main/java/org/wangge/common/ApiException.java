package org.wangge.common;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure meant for the client: a stable code, a human message, and optional extra
 * extension fields (the offending input field, the current state…). Anything else that
 * escapes a resolver is reported as INTERNAL without its message.
 */
public class ApiException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public ApiException with(String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
        return this;
    }

    /** graphql-java copies these into the error's {@code extensions}. */
    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        // lists and maps (of such values) stay structured, e.g. a refused sheet's problems with their lines
        details.forEach((k, v) -> extensions.put(k, v instanceof Number || v instanceof Boolean || v instanceof java.util.List<?>
                || v instanceof Map<?, ?> ? v : String.valueOf(v)));
        return extensions;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    public static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist").with("id", String.valueOf(id));
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION, message).with("field", field);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }
}
