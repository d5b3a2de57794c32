package org.wangge.grid;

import java.util.List;

/** SQL conditions selecting whole subtrees of the grid tree by materialized path (see V1). */
public final class Subtrees {

    private Subtrees() {
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
}
