package org.wangge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds test grids and staff through the API as an admin, with codes unique to the run. */
public final class Fixtures {

    static final Doc CREATE_GRID = Doc.of("grid/CreateGrid");
    static final Doc ASSIGN_STAFF = Doc.of("staff/AssignStaff");

    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    /** A code no other test uses. */
    public static String code(String hint) {
        return "T" + RUN + "-" + hint + "-" + SEQ.incrementAndGet();
    }

    public static String grid(String parentId, String name, String kind) {
        return grid(parentId, code(name), name, kind);
    }

    public static String grid(String parentId, String code, String name, String kind) {
        return Gql.admin().field(CREATE_GRID, "input", input(parentId, code, name, kind)).getString("id");
    }

    public static Map<String, Object> input(String parentId, String code, String name, String kind) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("code", code);
        input.put("name", name);
        input.put("kind", kind);
        if (parentId != null) {
            input.put("parentId", parentId);
        }
        return input;
    }

    /** Assigns a subject on a grid as the admin; returns the assignment's id. */
    public static String assign(String gridId, String subject, String role) {
        return Gql.admin().field(ASSIGN_STAFF, "input", Map.of("gridId", gridId, "subject", subject, "displayName", subject, "role", role))
                .getString("id");
    }
}
