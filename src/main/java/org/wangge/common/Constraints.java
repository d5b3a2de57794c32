package org.wangge.common;

import java.util.Map;

/** Human messages for the database constraints a client can run into. */
public final class Constraints {

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("grid_code_unique", "A grid with this code already exists"),
            Map.entry("staff_assignment_one_grid_chief", "This grid already has a grid chief in that period"),
            Map.entry("staff_assignment_dates", "The end date is before the start date"),
            Map.entry("household_address_unique", "A household at this address already exists in the grid"),
            Map.entry("person_id_number_unique", "A person with this ID number is already registered"),
            Map.entry("person_care_open_unique", "The person already has an open case in this care group"),
            Map.entry("address_code_unique", "An address with this code already exists"),
            Map.entry("address_place_unique", "The grid already has a place of this name"),
            Map.entry("address_child_unique", "The address already has a part of this name"),
            Map.entry("house_address_unique", "The address has a house already"),
            Map.entry("tenancy_open_unique", "The tenant lives in this house already"),
            Map.entry("unit_credit_code_unique", "A unit with this credit code is already registered"));

    private Constraints() {
    }

    static String message(String constraint) {
        return constraint == null ? "The change breaks a data rule" : MESSAGES.getOrDefault(constraint,
                "The change breaks the rule " + constraint);
    }
}
