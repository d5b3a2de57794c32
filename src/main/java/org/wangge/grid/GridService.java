package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Objects;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/**
 * Changes to the grid tree. Each runs in one transaction; the grids it reads are locked so
 * that a concurrent move, create or retire cannot leave a path pointing at a stale parent.
 */
@ApplicationScoped
public class GridService {

    private final Clock clock;

    public GridService(Clock clock) {
        this.clock = clock;
    }

    public Uni<Long> create(Caller caller, GridInputs.CreateGrid input) {
        caller.requireAnywhere(Capability.GRID_EDIT);
        String code = Check.code("code", input.code);
        String name = Check.text("name", input.name, 200);
        Objects.requireNonNull(input.kind, "kind");
        String boundary = blankToNull(input.boundary) == null ? null : GeoJson.boundary("boundary", input.boundary);
        checkCentre(input.centre);
        if (input.parentId == null && !caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin may create a top-level grid");
        }
        Long parentId = input.parentId == null ? null : NodeType.GRID.key("parentId", input.parentId);
        // a county's insert creates its partitions (V46), whose locks can deadlock with readers
        return Tx.runAgainOnDeadlock(tx -> lockParent(tx, parentId, "parentId", LockModeType.PESSIMISTIC_READ)
                .chain(parent -> {
                    if (parent != null) {
                        caller.require(Capability.GRID_EDIT, parent.path, parent.id);
                        if (parent.retiredAt != null) {
                            throw ApiException.validation("parentId", "The parent grid is retired");
                        }
                    }
                    return refuseTakenCode(tx, code).chain(() -> tx.one("SELECT nextval('grid_id_seq')", Long.class)).chain(id -> {
                        GridEntity grid = new GridEntity();
                        grid.id = id;
                        grid.code = code;
                        grid.name = name;
                        grid.kind = input.kind.name();
                        grid.parentId = parentId;
                        grid.level = parent == null ? 1 : parent.level + 1;
                        grid.path = (parent == null ? "/" : parent.path) + id + "/";
                        grid.layers = layers(input.layers);
                        setBoundary(grid, boundary);
                        grid.centreLat = input.centre == null ? null : input.centre.lat;
                        grid.centreLng = input.centre == null ? null : input.centre.lng;
                        grid.createdAt = clock.now();
                        grid.updatedAt = grid.createdAt;
                        return tx.persist(grid).replaceWith(id);
                    });
                }));
    }

    public Uni<Long> update(Caller caller, long id, GridInputs.UpdateGrid input) {
        caller.requireAnywhere(Capability.GRID_EDIT);
        String code = input.code == null ? null : Check.code("code", input.code);
        String name = input.name == null ? null : Check.text("name", input.name, 200);
        String boundary = blankToNull(input.boundary) == null ? null : GeoJson.boundary("boundary", input.boundary);
        checkCentre(input.centre);
        return Tx.run(tx -> tx.find(GridEntity.class, id).chain(grid -> {
            if (grid == null) {
                throw ApiException.notFound("Grid", id);
            }
            caller.require(Capability.GRID_EDIT, grid.path, id);
            requireVersion(input.version, grid.version);
            Uni<Void> codeFree = code == null || code.equals(grid.code) ? Uni.createFrom().voidItem() : refuseTakenCode(tx, code);
            return codeFree.chain(() -> {
                if (code != null) {
                    grid.code = code;
                }
                if (name != null) {
                    grid.name = name;
                }
                if (input.kind != null) {
                    grid.kind = input.kind.name();
                }
                if (input.layers != null) {
                    grid.layers = layers(input.layers);
                }
                if (input.boundary != null) {
                    setBoundary(grid, boundary);
                }
                if (input.centre != null) {
                    grid.centreLat = input.centre.lat;
                    grid.centreLng = input.centre.lng;
                }
                grid.updatedAt = clock.now();
                return tx.flush().replaceWith(id);
            });
        }));
    }

    /**
     * Moves a grid with its whole subtree under another parent: the moved rows' paths and
     * levels are rewritten by one UPDATE over the subtree's path range.
     */
    public Uni<Long> move(Caller caller, long id, long newParentId, Integer version) {
        caller.requireAnywhere(Capability.GRID_EDIT);
        return Tx.run(tx -> lockParent(tx, id, "id", LockModeType.PESSIMISTIC_WRITE).chain(grid ->
                lockParent(tx, newParentId, "newParentId", LockModeType.PESSIMISTIC_WRITE).chain(parent -> {
                    caller.require(Capability.GRID_EDIT, grid.path, id);
                    caller.require(Capability.GRID_EDIT, parent.path, newParentId);
                    requireVersion(version, grid.version);
                    if (parent.path.startsWith(grid.path)) {
                        throw ApiException.validation("newParentId",
                                "A grid cannot move under itself or one of its descendants");
                    }
                    if (parent.retiredAt != null) {
                        throw ApiException.validation("newParentId", "The new parent grid is retired");
                    }
                    if (Objects.equals(grid.parentId, parent.id)) {
                        return Uni.createFrom().item(id);
                    }
                    String oldPath = grid.path;
                    String newPath = parent.path + id + "/";
                    int levelShift = parent.level + 1 - grid.level;
                    // the descendants are a range of paths no entity holds: one statement, each row's
                    // version moved as a flush would; the moved grid itself is the entity's
                    return tx.update("""
                            UPDATE grid SET path = $1 || substr(path, $2), level = level + $3,
                                            version = version + 1, updated_at = now()
                            WHERE path > $4 AND path < $5""", newPath, oldPath.length() + 1, levelShift, oldPath, Subtrees.end(oldPath))
                            // cases keep their grid's path too (V9): rewrite those of the moved subtree
                            .chain(() -> tx.update("""
                                    UPDATE case_file SET grid_path = $1 || substr(grid_path, $2)
                                    WHERE grid_path >= $3 AND grid_path < $4""", newPath, oldPath.length() + 1, oldPath, Subtrees.end(oldPath)))
                            // and so do addresses, houses and units (V41)
                            .chain(() -> movePaths(tx, "address", newPath, oldPath))
                            .chain(() -> movePaths(tx, "house", newPath, oldPath))
                            .chain(() -> movePaths(tx, "unit", newPath, oldPath))
                            .chain(() -> {
                                grid.parentId = parent.id;
                                grid.path = newPath;
                                grid.level = parent.level + 1;
                                grid.updatedAt = clock.now();
                                return tx.flush().replaceWith(id);
                            });
                })));
    }

    /** Retires a grid that has no active children and no current staff. */
    public Uni<Long> retire(Caller caller, long id, Integer version) {
        caller.requireAnywhere(Capability.GRID_EDIT);
        return Tx.run(tx -> lockParent(tx, id, "id", LockModeType.PESSIMISTIC_WRITE).chain(grid -> {
            caller.require(Capability.GRID_EDIT, grid.path, id);
            requireVersion(version, grid.version);
            if (grid.retiredAt != null) {
                return Uni.createFrom().item(id);
            }
            return tx.one("SELECT count(*) FROM grid WHERE parent_id = $1 AND retired_at IS NULL", Long.class, id).chain(children -> {
                if (children > 0) {
                    throw ApiException.conflict("Grid " + id + " still has " + children + " active child grid(s)")
                            .with("activeChildren", children);
                }
                // Assignments ending today do not hold the grid: its staff finish the day on record.
                return tx.one("SELECT count(*) FROM staff_assignment WHERE grid_id = $1 AND (end_date IS NULL OR end_date > $2)",
                        Long.class, id, clock.today());
            }).chain(staff -> {
                if (staff > 0) {
                    throw ApiException.conflict("Grid " + id + " still has " + staff + " current staff assignment(s)")
                            .with("currentStaff", staff);
                }
                grid.retiredAt = clock.now();
                grid.updatedAt = grid.retiredAt;
                return tx.flush().replaceWith(id);
            });
        }));
    }

    /** Loads and locks a grid, or fails NOT_FOUND naming the argument it came from. */
    public static Uni<GridEntity> lockParent(Tx tx, Long id, String field, LockModeType lock) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return tx.find(GridEntity.class, id, lock).map(grid -> {
            if (grid == null) {
                throw ApiException.notFound("Grid", id).with("field", field);
            }
            return grid;
        });
    }

    private static Uni<Void> refuseTakenCode(Tx tx, String code) {
        return tx.one("SELECT count(*) FROM grid WHERE code = $1", Long.class, code).map(n -> {
            if (n > 0) {
                throw ApiException.conflict("A grid with code " + code + " already exists").with("field", "code");
            }
            return null;
        });
    }

    public static void requireVersion(Integer expected, int actual) {
        if (expected != null && expected != actual) {
            throw ApiException.conflict("It was changed by someone else meanwhile (version " + actual
                    + ", you sent " + expected + "); reload and try again").with("currentVersion", actual);
        }
    }

    /** The boundary with its bounding box, which locating a reported point filters on first. */
    private static void setBoundary(GridEntity grid, String boundary) {
        grid.boundary = boundary;
        double[] box = boundary == null ? null : GeoJson.bbox(boundary);
        grid.bboxMinLat = box == null ? null : box[0];
        grid.bboxMaxLat = box == null ? null : box[1];
        grid.bboxMinLng = box == null ? null : box[2];
        grid.bboxMaxLng = box == null ? null : box[3];
    }

    private static String[] layers(List<NetworkLayer> layers) {
        return layers == null ? new String[0] : layers.stream().distinct().map(Enum::name).toArray(String[]::new);
    }

    private static void checkCentre(GeoPoint centre) {
        if (centre != null) {
            Check.range("centre.lat", centre.lat, -90, 90);
            Check.range("centre.lng", centre.lng, -180, 180);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The grid paths a table keeps (V9, V41) rewritten for a moved subtree. */
    private static Uni<Integer> movePaths(Tx tx, String table, String newPath, String oldPath) {
        return tx.update("UPDATE " + table + " SET grid_path = $1 || substr(grid_path, $2) WHERE grid_path >= $3 AND grid_path < $4",
                newPath, oldPath.length() + 1, oldPath, Subtrees.end(oldPath));
    }
}
