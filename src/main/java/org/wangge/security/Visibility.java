package org.wangge.security;

import java.util.ArrayList;
import java.util.List;
import org.wangge.common.ApiException;
import org.wangge.common.ErrorCode;
import org.wangge.common.Connection;

/**
 * Takes out of a resolver's answer whatever the caller may not see: an invisible object becomes
 * null (an error where the field cannot be null), lists and connections lose it. Objects reached
 * through a visible parent without a rule of their own (a case's timeline and attachments) are
 * shown with the parent.
 */
public final class Visibility {

    private Visibility() {
    }

    /** The answer as the caller may see it; {@code required}: the field cannot be null. */
    public static Object filter(Caller caller, Object value, boolean required) {
        if (value == null) {
            return null;
        }
        if (value instanceof Visible v) {
            if (v.visibleTo(caller)) {
                return value;
            }
            if (required) {
                // the same answer as for something that does not exist
                throw new ApiException(ErrorCode.NOT_FOUND, "Not found");
            }
            return null;
        }
        if (value instanceof List<?> list) {
            return filterList(caller, list);
        }
        if (value instanceof Connection<?, ?> connection && connection.edges != null) {
            filterEdges(caller, connection);
        }
        return value;
    }

    private static Object filterList(Caller caller, List<?> list) {
        List<Object> kept = null;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            boolean hidden = item instanceof Visible v && !v.visibleTo(caller)
                    || item instanceof Connection.Edge<?> e && e.node instanceof Visible n && !n.visibleTo(caller);
            Object shown = item instanceof List<?> inner ? filterList(caller, inner) : item;
            if (item instanceof Connection<?, ?> c && c.edges != null) {
                filterEdges(caller, c);
            }
            if (hidden || shown != item) {
                if (kept == null) {
                    kept = new ArrayList<>(list.subList(0, i));
                }
                if (!hidden) {
                    kept.add(shown);
                }
            } else if (kept != null) {
                kept.add(item);
            }
        }
        return kept == null ? list : kept;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void filterEdges(Caller caller, Connection<?, ?> connection) {
        List kept = (List) filterList(caller, connection.edges);
        if (kept != connection.edges) {
            ((Connection) connection).edges = kept;
        }
    }
}
