package org.wangge.security;

import java.util.List;
import java.util.Set;
import org.wangge.common.ApiException;

/**
 * Who is asking, and which parts of the grid tree they answer for. The jurisdiction is the
 * set of grid paths of the caller's active staff assignments; a grid is in jurisdiction when
 * its path starts with one of them (the whole subtree). Admins have all of it.
 */
public record Caller(String subject, String name, Set<String> roles, List<String> jurisdiction) {

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

    public boolean covers(String gridPath) {
        if (isAdmin()) {
            return true;
        }
        for (String root : jurisdiction) {
            if (gridPath.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    public void requireRole(String... any) {
        if (!isAdmin() && !hasRole(any)) {
            throw ApiException.forbidden("This needs one of the roles " + String.join(", ", any));
        }
    }

    public void requireCovers(String gridPath, Object gridId) {
        if (!covers(gridPath)) {
            throw ApiException.forbidden("Grid " + gridId + " is outside your jurisdiction").with("gridId", String.valueOf(gridId));
        }
    }
}
