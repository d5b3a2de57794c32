package org.wangge.people.roster;

/** A row refused, naming the column at fault. */
final class RowError extends RuntimeException {
    final String column;

    RowError(RosterColumns column, String message) {
        this(column.heading(), message);
    }

    RowError(String column, String message) {
        super(message, null, false, false);
        this.column = column;
    }
}
