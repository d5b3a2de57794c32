package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.wangge.common.PerParent;
import org.wangge.common.Sql;

/** SQL conditions selecting whole subtrees of the grid tree by materialized path (see V1). */
public final class Subtrees {

    private Subtrees() {
    }

    /** The parents of a read for many subtrees at once ({@code common.PerParent}): each root's path range, {@code r(lo, hi, i)}, from $1 and $2. */
    public static final String PARENTS = "unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(lo, hi, i)";

    /** The arguments $1 and $2 of {@link #PARENTS} for these roots, in a list the read adds its own to. */
    public static java.util.List<Object> bounds(java.util.List<String> paths) {
        java.util.List<Object> args = new java.util.ArrayList<>();
        args.add(paths.toArray(String[]::new));
        args.add(paths.stream().map(Subtrees::end).toArray(String[]::new));
        return args;
    }

    /** Exclusive upper bound of a subtree in path order: the last '/' bumped to '0'. */
    public static String end(String path) {
        return path.substring(0, path.length() - 1) + "0";
    }

    /**
     * {@code (col >= $a AND col < $b OR …)} over the given subtree roots, appending the bounds
     * to {@code args}; {@code false} when there are none. With {@code includeRoots} false the
     * roots themselves are left out.
     */
    public static String condition(List<String> roots, String pathColumn, List<Object> args, boolean includeRoots) {
        if (roots.isEmpty()) {
            return "false";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < roots.size(); i++) {
            args.add(roots.get(i));
            int lower = args.size();
            args.add(end(roots.get(i)));
            sql.append(i == 0 ? "" : " OR ").append('(').append(pathColumn).append(includeRoots ? " >= $" : " > $")
                    .append(lower).append(" AND ").append(pathColumn).append(" < $").append(lower + 1).append(')');
        }
        return sql.append(')').toString();
    }

    /**
     * One subtree's rows: {@code pathColumn} in its range and, when it lies in one county,
     * {@code countyColumn} that county, so that only that county's partitions are planned and read.
     */
    public static String within(Subtree subtree, String pathColumn, String countyColumn, List<Object> args) {
        return condition(List.of(subtree.path()), pathColumn, args, true) + inCounties(List.of(subtree), countyColumn, args);
    }

    /**
     * {@code " AND countyColumn = ANY($n)"} naming the counties these subtrees lie in (a bound
     * value, so PostgreSQL prunes partitions when it plans), or nothing when one of them spans counties.
     */
    public static String inCounties(List<Subtree> subtrees, String countyColumn, List<Object> args) {
        if (subtrees.isEmpty() || subtrees.stream().anyMatch(s -> s.county() == null)) {
            return "";
        }
        List<String> counties = subtrees.stream().map(Subtree::county).distinct().toList();
        if (counties.size() == 1) {
            // an equality, which PostgreSQL carries across joins on the county to the joined tables' partitions too
            args.add(counties.get(0));
            return " AND " + countyColumn + " = $" + args.size() + "::text";
        }
        args.add(counties.toArray(String[]::new));
        return " AND " + countyColumn + " = ANY($" + args.size() + "::text[])";
    }

    /** The paths of these subtrees. */
    public static List<String> paths(List<Subtree> subtrees) {
        return subtrees.stream().map(Subtree::path).toList();
    }

    /**
     * What a subtree list reads: {@code SELECT columns FROM from}, where {@code path} is the grid
     * path the rows lie in and {@code id} their key (the list's order and cursor).
     */
    public record Listing(String columns, String from, String path, String id) {
    }

    /** A condition of a subtree list, with {@code %s} for its one argument's placeholder (none when the value is null). */
    public record Where(String sql, Object value) {
        public static Where of(String sql) {
            return new Where(sql, null);
        }
    }

    /** One subtree's page of rows (one more than asked, for the page's "next") and its total. */
    public record Paged<T>(List<T> rows, int total) {
    }

    /**
     * For each root, a page of the rows in its subtree by id after {@code afterId} (at most
     * {@code first} + 1) and their total: two statements for all roots together.
     */
    public static <T> Uni<List<Paged<T>>> pages(Sql sql, Listing listing, List<String> paths, List<Where> wheres, int first, long afterId,
            Function<Row, T> map) {
        List<Object> args = bounds(paths);
        StringBuilder where = new StringBuilder(listing.path() + " >= r.lo AND " + listing.path() + " < r.hi");
        for (Where w : wheres) {
            String placeholder = "";
            if (w.value() != null) {
                args.add(w.value());
                placeholder = "$" + args.size();
            }
            where.append(" AND ").append(w.sql().formatted(placeholder));
        }
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(afterId);
        args.add(first + 1);
        String page = "SELECT " + listing.columns() + " FROM " + listing.from() + " WHERE " + where + " AND " + listing.id() + " > $"
                + (args.size() - 1) + " ORDER BY " + listing.id() + " LIMIT $" + args.size();
        return PerParent.rows(sql, PARENTS, paths.size(), page, "x.id", Tuple.from(args), map)
                .chain(each -> PerParent.counts(sql, PARENTS, listing.from(), where.toString(), countArgs)
                        .map(totals -> PerParent.each(each, totals, Paged::new)));
    }
}
