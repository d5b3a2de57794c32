package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import java.util.Set;
import org.wangge.security.Capabilities;
import org.wangge.security.Capability;
import org.wangge.common.NodeType;

/** Putting people on grids (定人) and taking them off again. */
@ApplicationScoped
public class StaffService {

    private final Clock clock;

    public StaffService(Clock clock) {
        this.clock = clock;
    }

    public Uni<Long> assign(Caller caller, GridInputs.AssignStaff input) {
        long gridId = NodeType.GRID.key("gridId", input.gridId);
        String subject = Check.text("subject", input.subject, 255);
        String displayName = input.displayName == null ? null : Check.text("displayName", input.displayName, 200);
        caller.requireAnywhere(Capability.STAFF_APPOINT);
        String building = input.building == null || input.building.isBlank() ? null : Check.text("building", input.building.strip(), 50);
        if ((input.role == StaffRole.BUILDING_CHIEF) != (building != null)) {
            throw ApiException.validation("building", input.role == StaffRole.BUILDING_CHIEF
                    ? "A building chief answers for one building: give it" : "Only a building chief answers for a building");
        }
        LocalDate start = input.startDate == null ? clock.today() : input.startDate;
        if (input.endDate != null && input.endDate.isBefore(start)) {
            throw ApiException.validation("endDate", "endDate is before startDate");
        }
        // The grid is share-locked so it cannot be retired while someone is put on it.
        return Tx.run(tx -> GridService.lockParent(tx, gridId, "gridId", LockModeType.PESSIMISTIC_READ).chain(grid -> {
            requireMayAppoint(caller, input.role, grid);
            if (grid.retiredAt != null) {
                throw ApiException.validation("gridId", "Grid " + gridId + " is retired");
            }
            return tx.rows("SELECT display_name, array_to_string(roles, ',') FROM account WHERE subject = $1", subject)
                    .chain(found -> {
                        if (!found.isEmpty()) {
                            // staff changes never rename an account: the name is the person's, not the appointer's
                            String name = (String) found.get(0)[0];
                            if (displayName != null && !displayName.equals(name)) {
                                throw ApiException.validation("displayName", "Account " + subject + " exists as " + name
                                        + "; an assignment does not rename it");
                            }
                            String roles = (String) found.get(0)[1];
                            if (roles != null && !Capabilities.mayHold(Set.of(roles.split(",")), input.role)) {
                                throw ApiException.validation("subject", "Account " + subject + " signs in as " + roles
                                        + ", which may not hold the role " + input.role);
                            }
                            return Uni.createFrom().voidItem();
                        }
                        if (displayName == null) {
                            throw ApiException.validation("displayName", "displayName is required for a new person");
                        }
                        return Accounts.ensure(tx, subject, displayName, clock.now());
                    });
        }).chain(() -> {
            StaffAssignmentEntity a = new StaffAssignmentEntity();
            a.gridId = gridId;
            a.subject = subject;
            a.role = input.role.name();
            a.building = building;
            a.startDate = start;
            a.endDate = input.endDate;
            a.createdAt = clock.now();
            a.createdBy = caller.subject();
            return tx.persist(a).replaceWith(() -> a.id);
        }));
    }

    /** Ends an assignment on a day (today by default); the record stays for history. */
    public Uni<Long> end(Caller caller, long id, LocalDate endDate, Integer version) {
        LocalDate end = endDate == null ? clock.today() : endDate;
        return Tx.run(tx -> tx.find(StaffAssignmentEntity.class, id, LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> {
                    if (a == null) {
                        throw ApiException.notFound("Staff assignment", id);
                    }
                    GridService.requireVersion(version, a.version);
                    if (end.isBefore(a.startDate)) {
                        throw ApiException.validation("endDate", "endDate is before the assignment's start " + a.startDate);
                    }
                    return tx.find(GridEntity.class, a.gridId).chain(grid -> {
                        requireMayAppoint(caller, StaffRole.valueOf(a.role), grid);
                        a.endDate = end;
                        return tx.flush().replaceWith(id);
                    });
                }));
    }

    /**
     * Appointing (or removing) needs an assignment over the grid that appoints: a commander any
     * role below their own tier (not another commander of their own grid), a grid chief the roles
     * {@link StaffRole#appointableByGridChief} inside their grid.
     */
    private static void requireMayAppoint(Caller caller, StaffRole role, GridEntity grid) {
        if (caller.isAdmin()) {
            return;
        }
        boolean over = false;
        for (Caller.Grant g : caller.grants()) {
            if (!grid.path.startsWith(g.path()) || !Capabilities.of(g.role()).contains(Capability.STAFF_APPOINT)) {
                continue;
            }
            over = true;
            if (g.role() == StaffRole.GRID_COMMANDER && !(role == StaffRole.GRID_COMMANDER && grid.path.equals(g.path()))
                    || g.role() == StaffRole.GRID_CHIEF && role.appointableByGridChief()) {
                return;
            }
        }
        if (!over) {
            throw ApiException.forbidden("You have no assignment over grid " + grid.id + " that appoints staff").with("gridId", String.valueOf(grid.id));
        }
        throw ApiException.forbidden("You may not appoint or remove a " + role + " on grid " + grid.id).with("gridId", String.valueOf(grid.id));
    }
}
