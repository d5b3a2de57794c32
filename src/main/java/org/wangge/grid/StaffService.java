package org.wangge.grid;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/** Putting people on grids (定人) and taking them off again. */
@ApplicationScoped
public class StaffService {

    private final Clock clock;

    public StaffService(Clock clock) {
        this.clock = clock;
    }

    public Uni<Long> assign(Caller caller, GridInputs.AssignStaff input) {
        long gridId = Check.id("gridId", input.gridId);
        String subject = Check.text("subject", input.subject, 255);
        String displayName = input.displayName == null ? null : Check.text("displayName", input.displayName, 200);
        requireMayAppoint(caller, input.role);
        LocalDate start = input.startDate == null ? clock.today() : input.startDate;
        if (input.endDate != null && input.endDate.isBefore(start)) {
            throw ApiException.validation("endDate", "endDate is before startDate");
        }
        // The grid is share-locked so it cannot be retired while someone is put on it.
        return Tx.run(() -> GridService.lockParent(gridId, "gridId", LockModeType.PESSIMISTIC_READ).chain(grid -> {
            caller.requireCovers(grid.path, gridId);
            if (grid.retiredAt != null) {
                throw ApiException.validation("gridId", "Grid " + gridId + " is retired");
            }
            if (displayName == null) {
                return Accounts.exists(subject).map(known -> {
                    if (!known) {
                        throw ApiException.validation("displayName", "displayName is required for a new person");
                    }
                    return null;
                }).replaceWithVoid();
            }
            // an upsert: the name given now is the one shown from now on
            return Panache.getSession().chain(session -> session.createNativeQuery("""
                    INSERT INTO account (subject, display_name, created_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (subject) DO UPDATE SET display_name = EXCLUDED.display_name""")
                    .setParameter(1, subject).setParameter(2, displayName).setParameter(3, clock.now()).executeUpdate())
                    .replaceWithVoid();
        }).chain(() -> {
            StaffAssignmentEntity a = new StaffAssignmentEntity();
            a.gridId = gridId;
            a.subject = subject;
            a.role = input.role.name();
            a.startDate = start;
            a.endDate = input.endDate;
            a.createdAt = clock.now();
            a.createdBy = caller.subject();
            return a.<StaffAssignmentEntity>persist().chain(Panache::flush).replaceWith(() -> a.id);
        }));
    }

    /** Ends an assignment on a day (today by default); the record stays for history. */
    public Uni<Long> end(Caller caller, long id, LocalDate endDate, Integer version) {
        LocalDate end = endDate == null ? clock.today() : endDate;
        return Tx.run(() -> StaffAssignmentEntity.<StaffAssignmentEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> {
                    if (a == null) {
                        throw ApiException.notFound("Staff assignment", id);
                    }
                    requireMayAppoint(caller, StaffRole.valueOf(a.role));
                    GridService.requireVersion(version, a.version);
                    if (end.isBefore(a.startDate)) {
                        throw ApiException.validation("endDate", "endDate is before the assignment's start " + a.startDate);
                    }
                    return GridEntity.<GridEntity>findById(a.gridId).chain(grid -> {
                        caller.requireCovers(grid.path, grid.id);
                        a.endDate = end;
                        return Panache.flush().replaceWith(id);
                    });
                }));
    }

    private static void requireMayAppoint(Caller caller, StaffRole role) {
        if (caller.isAdmin() || caller.hasRole(Roles.COMMANDER)) {
            return;
        }
        if (caller.hasRole(Roles.GRID_CHIEF) && role.appointableByGridChief()) {
            return;
        }
        throw ApiException.forbidden("You may not appoint or remove a " + role);
    }
}
