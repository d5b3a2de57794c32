package org.wangge.grid;

import java.util.List;

/** SQL conditions selecting whole subtrees of the grid tree by materialized path (see V1). */
public final class Subtrees {

    private Subtrees() {
    }

    /** Exclusive upper bound of a subtree in path order: the last '/' bumped to '0'. */
    /** The parents of a read for many subtrees at once ({@code common.PerParent}): each root's path range, {@code r(lo, hi, i)}, from $1 and $2. */
    public static final String PARENTS = "unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(lo, hi, i)";

    /** The arguments $1 and $2 of {@link #PARENTS} for these roots, in a list the read adds its own to. */
    public static java.util.List<Object> bounds(java.util.List<String> paths) {
        java.util.List<Object> args = new java.util.ArrayList<>();
        args.add(paths.toArray(String[]::new));
        args.add(paths.stream().map(Subtrees::end).toArray(String[]::new));
        return args;
    }

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
}
