package org.wangge.common;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A Relay connection over any node type; each subclass names the GraphQL type and says how
 * its totalCount is had (counted with the page, or on demand by a resolver).
 */
public class Connection<T> {

    @NonNull
    public List<@NonNull Edge<T>> edges;
    @NonNull
    public PageInfo pageInfo;

    public static class Edge<T> {
        @NonNull
        public String cursor;
        @NonNull
        public T node;

        public Edge() {
        }

        Edge(String cursor, T node) {
            this.cursor = cursor;
            this.node = node;
        }
    }

    protected Connection() {
    }

    protected Connection(Page<T> page, Function<T, String> cursor) {
        this.edges = page.edges(cursor, Edge::new);
        this.pageInfo = page.pageInfo(cursor);
    }

    /** The nodes of this page, in order. */
    @Ignore
    public List<T> nodes() {
        return edges.stream().map(e -> e.node).toList();
    }
}
