package org.wangge.grid;

/**
 * A grid's subtree, as reads scope to it: its root's path and, when every grid in it lies in one
 * county, that county (null when it spans counties: a province, a city). Naming the county lets
 * PostgreSQL plan and read only that county's partitions (V46).
 */
public record Subtree(String path, String county) {

    /** A subtree whose county is not known: read on every county's partitions. */
    public static Subtree of(String path) {
        return new Subtree(path, null);
    }
}
