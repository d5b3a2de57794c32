package org.wangge.people.roster;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A sheet's cells by column, checked as they are read (a bad one is a {@link RowError} naming its column). */
final class Cells {

    final Map<RosterColumns, Integer> columns;

    Cells(List<String> header) {
        this.columns = RosterColumns.locate(header);
    }

    boolean has(RosterColumns column) {
        return columns.containsKey(column);
    }

    String cell(RosterFile.RawRow row, RosterColumns column) {
        Integer at = columns.get(column);
        return at == null || at >= row.cells().size() || row.cells().get(at) == null ? "" : row.cells().get(at).strip();
    }

    /** The cell, or null when it is empty. */
    String optional(RosterFile.RawRow row, RosterColumns column) {
        String value = cell(row, column);
        return value.isEmpty() ? null : value;
    }

    String required(RosterFile.RawRow row, RosterColumns column) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            throw new RowError(column, "required");
        }
        return value;
    }

    <E extends Enum<E>> E word(RosterFile.RawRow row, RosterColumns column, Map<String, E> words, Class<E> type) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            return null;
        }
        E picked = RosterColumns.pick(words, type, value);
        if (picked == null) {
            throw new RowError(column, "unknown value " + value);
        }
        return picked;
    }

    LocalDate date(RosterFile.RawRow row, RosterColumns column) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return RosterFile.date(value);
        } catch (RuntimeException e) {
            throw new RowError(column, "not a date: " + value);
        }
    }

    /** A number of at most {@code max}, or null when empty. */
    Double number(RosterFile.RawRow row, RosterColumns column, double max) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            double n = Double.parseDouble(value);
            if (!(n >= 0 && n <= max)) {
                throw new RowError(column, "a number from 0 to " + (long) max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RowError(column, "not a number: " + value);
        }
    }

    static String limit(String value, int max, RosterColumns column) {
        if (value != null && value.length() > max) {
            throw new RowError(column, "at most " + max + " characters");
        }
        return value;
    }
}
