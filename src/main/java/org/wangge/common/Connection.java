package org.wangge.common;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A Relay connection over any node type; each subclass names the GraphQL type (XConnection for
 * nodes of type X), its edge type (XEdge, a subclass of {@link Edge}), and says how its
 * totalCount is had (counted with the page, or on demand by a resolver).
 */
public class Connection<T, E extends Connection.Edge<T>> {

    @NonNull
    public List<@NonNull E> edges;
    @NonNull
    public PageInfo pageInfo;

    public static class Edge<T> {
        @NonNull
        public String cursor;
        @NonNull
        public T node;

        public Edge() {
        }

        protected Edge(String cursor, T node) {
            this.cursor = cursor;
            this.node = node;
        }
    }

    protected Connection() {
    }

    protected Connection(Page<T> page, Function<T, String> cursor, Page.EdgeFactory<T, E> edge) {
        this.edges = page.edges(cursor, edge);
        this.pageInfo = page.pageInfo(cursor);
    }

    /** The nodes of this page, in order. */
    @Ignore
    public List<T> nodes() {
        return edges.stream().map(e -> e.node).toList();
    }
}
