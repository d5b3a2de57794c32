package org.wangge.security;

import static org.wangge.security.Capability.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.wangge.grid.StaffRole;

/**
 * The one table of what each assignment role may read and do, in the subtree of the assigned
 * grid only (powers held in one grid do not travel to another), and which token roles may hold
 * it. An assignment whose holder's token lacks such a role gives nothing. DEVELOPERS.md shows
 * the same table; {@code CapabilitiesDocTest} keeps the two equal.
 */
public final class Capabilities {

    public record Entry(Set<Capability> capabilities, Set<String> tokenRoles) {
    }

    private static final Map<StaffRole, Entry> TABLE = new EnumMap<>(StaffRole.class);

    static {
        put(StaffRole.GRID_COMMANDER, EnumSet.allOf(Capability.class), Roles.COMMANDER);
        put(StaffRole.GRID_CHIEF, EnumSet.complementOf(EnumSet.of(GRID_EDIT)), Roles.GRID_CHIEF, Roles.COMMANDER);
        put(StaffRole.GRID_INSTRUCTOR, EnumSet.of(RESIDENTS_READ, CARE_READ, VISITS_READ, CASES_READ, CASES_REPORT_AS_STAFF, STAFF_READ,
                FIGURES_READ), Roles.GRID_CHIEF, Roles.COMMANDER, Roles.GRID_WORKER);
        put(StaffRole.GRID_WORKER, EnumSet.of(RESIDENTS_READ, RESIDENTS_WRITE, CARE_READ, VISITS_READ, VISITS_WRITE, CASES_READ,
                CASES_REPORT_AS_STAFF, CASES_VERIFY, STAFF_READ, AWARDS_PROPOSE, SHOP_SERVE, FIGURES_READ),
                Roles.GRID_WORKER, Roles.GRID_CHIEF, Roles.COMMANDER);
        put(StaffRole.INFORMATION_REPORTER, EnumSet.noneOf(Capability.class), Roles.REPORTER, Roles.GRID_WORKER, Roles.RESIDENT);
        put(StaffRole.BUILDING_CHIEF, EnumSet.of(RESIDENTS_READ), Roles.RESIDENT, Roles.REPORTER, Roles.GRID_WORKER);
        put(StaffRole.JOINT_HOUSEHOLD_CHIEF, EnumSet.of(RESIDENTS_READ), Roles.RESIDENT, Roles.REPORTER, Roles.GRID_WORKER);
        put(StaffRole.COMMUNITY_POLICE, EnumSet.of(RESIDENTS_READ, CARE_READ, CASES_READ, CASES_REPORT_AS_STAFF, STAFF_READ),
                Roles.GRID_WORKER);
        put(StaffRole.LEGAL_ADVISER, EnumSet.of(CASES_READ, STAFF_READ), Roles.GRID_WORKER);
    }

    private Capabilities() {
    }

    private static void put(StaffRole role, Set<Capability> capabilities, String... tokenRoles) {
        TABLE.put(role, new Entry(Set.copyOf(capabilities), Set.of(tokenRoles)));
    }

    public static Set<Capability> of(StaffRole role) {
        return TABLE.get(role).capabilities();
    }

    /** Whether a token with these roles may hold an assignment of this role. */
    public static boolean mayHold(Set<String> tokenRoles, StaffRole role) {
        for (String r : TABLE.get(role).tokenRoles()) {
            if (tokenRoles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public static Map<StaffRole, Entry> table() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }
}
