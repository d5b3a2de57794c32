package org.wangge.common;

import java.util.Map;

/** Human messages for the database constraints a client can run into. */
public final class Constraints {

    private static final Map<String, String> MESSAGES = Map.of(
            "grid_code_unique", "A grid with this code already exists",
            "staff_assignment_one_grid_chief", "This grid already has a grid chief in that period",
            "staff_assignment_dates", "The end date is before the start date",
            "household_address_unique", "A household at this address already exists in the grid",
            "person_id_number_unique", "A person with this ID number is already registered",
            "person_care_open_unique", "The person already has an open case in this care group",
            "address_code_unique", "An address with this code already exists",
            "address_place_unique", "The grid already has a place of this name",
            "address_child_unique", "The address already has a part of this name");

    private Constraints() {
    }

    static String message(String constraint) {
        return constraint == null ? "The change breaks a data rule" : MESSAGES.getOrDefault(constraint,
                "The change breaks the rule " + constraint);
    }
}
