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
            Map.entry("unit_credit_code_unique", "A unit with this credit code is already registered"),
            // a county keeps its own records (DEVELOPERS.md, County partitions)
            Map.entry("grid_county_fixed", "The grid holds records of its county and cannot move into another county"),
            Map.entry("grid_in_county", "The grid is in another county; records move only within their county"),
            Map.entry("person_household_id_fkey", "The household is in another county"),
            Map.entry("house_owner_person_id_fkey", "The owner is not a registered resident of this county"),
            Map.entry("unit_legal_person_id_fkey", "The legal representative is not a registered resident of this county"),
            Map.entry("unit_contact_person_id_fkey", "The contact is not a registered resident of this county"),
            Map.entry("tenancy_person_id_fkey", "The tenant is not a registered resident of this county"),
            Map.entry("tenancy_household_id_fkey", "The tenant household is not registered in this county"),
            Map.entry("visit_person_id_fkey", "The person is not a resident of the visited household's county"));

    private Constraints() {
    }

    static String message(String constraint) {
        return constraint == null ? "The change breaks a data rule" : MESSAGES.getOrDefault(constraint,
                "The change breaks the rule " + constraint);
    }
}
