package org.wangge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wangge.common.ApiException;
import org.wangge.grid.StaffRole;

/**
 * Who is asking, and what they answer for. {@code grants} are the caller's current staff
 * assignments whose role their token may hold ({@link Capabilities#mayHold}); each grant gives its
 * role's capabilities in the subtree of its grid only. {@code departments} are the partner
 * departments the caller works for, {@code ownHousehold} the household of the resident record
 * linked to their login. Admins may do everything everywhere.
 */
public record Caller(String subject, String name, Set<String> roles, List<Grant> grants, Set<Long> departments, Long ownHousehold) {

    /** One assignment: a role on the grid at {@code path}; a building chief's is limited to one building. */
    public record Grant(String path, StaffRole role, String building) {
        boolean gives(Capability capability) {
            return Capabilities.of(role).contains(capability) && (role != StaffRole.BUILDING_CHIEF || building != null);
        }
    }

    /** A caller with a token only: no assignment, department or household (background jobs and tests name their own). */
    public static Caller of(String subject, String name, Set<String> roles) {
        return new Caller(subject, name, roles, List.of(), Set.of(), null);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean hasRole(String... any) {
        for (String role : any) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The maximal grid paths of every grant: the parts of the tree the caller sees as grids. */
    public List<String> jurisdiction() {
        return maximal(grants.stream().map(Grant::path).toList());
    }

    /** Whether the grid at this path is in some grant's subtree (the grid tree shows it). */
    public boolean covers(String gridPath) {
        if (isAdmin()) {
            return true;
        }
        for (Grant g : grants) {
            if (gridPath.startsWith(g.path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some grant gives the capability over the grid at this path (building grants excluded). */
    public boolean may(Capability capability, String gridPath) {
        if (isAdmin()) {
            return true;
        }
        if (gridPath == null) {
            return false;
        }
        for (Grant g : grants) {
            if (g.building == null && g.gives(capability) && gridPath.startsWith(g.path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some grant gives the capability anywhere. */
    public boolean mayAnywhere(Capability capability) {
        return isAdmin() || grants.stream().anyMatch(g -> g.gives(capability));
    }

    /** The maximal paths where the capability is held (building grants excluded); null for an admin (everywhere). */
    public List<String> paths(Capability capability) {
        if (isAdmin()) {
            return null;
        }
        return maximal(grants.stream().filter(g -> g.building == null && g.gives(capability)).map(Grant::path).toList());
    }

    /** Building chiefs' grants: residents of one building of one grid. */
    public List<Grant> buildings() {
        return grants.stream().filter(g -> g.building != null && g.gives(Capability.RESIDENTS_READ)).toList();
    }

    /** Whether the caller may read the households (and residents) at this grid and building. */
    public boolean mayReadResidents(String gridPath, String building) {
        if (may(Capability.RESIDENTS_READ, gridPath)) {
            return true;
        }
        for (Grant g : buildings()) {
            if (g.path.equals(gridPath) && g.building.equals(building)) {
                return true;
            }
        }
        return false;
    }

    /** FORBIDDEN unless an admin: "Only an admin " + what, e.g. "keeps the department list". */
    public void requireAdmin(String what) {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an admin " + what);
        }
    }

    public void requireRole(String... any) {
        if (!isAdmin() && !hasRole(any)) {
            throw ApiException.forbidden("This needs one of the roles " + String.join(", ", any));
        }
    }

    public void require(Capability capability, String gridPath, Object gridId) {
        if (!may(capability, gridPath)) {
            throw ApiException.forbidden("You have no assignment over grid " + gridId + " that allows " + capability)
                    .with("gridId", String.valueOf(gridId)).with("capability", capability.name());
        }
    }

    public void requireAnywhere(Capability capability) {
        if (!mayAnywhere(capability)) {
            throw ApiException.forbidden("You have no assignment that allows " + capability).with("capability", capability.name());
        }
    }

    public void requireCovers(String gridPath, Object gridId) {
        if (!covers(gridPath)) {
            throw ApiException.forbidden("Grid " + gridId + " is outside your jurisdiction").with("gridId", String.valueOf(gridId));
        }
    }

    private static List<String> maximal(List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(null);
        List<String> roots = new ArrayList<>();
        for (String p : sorted) {
            if (roots.isEmpty() || !p.startsWith(roots.get(roots.size() - 1))) {
                roots.add(p);
            }
        }
        return List.copyOf(roots);
    }
}
