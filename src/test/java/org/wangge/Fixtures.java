package org.wangge;

import java.util.concurrent.atomic.AtomicInteger;

/** Builds test grids and staff through the API as an admin, with codes unique to the run. */
public final class Fixtures {

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
        return Gql.admin().ok("""
                mutation($input: CreateGridInput!) { createGrid(input: $input) { id } }""",
                "input", input(parentId, code, name, kind)).getString("createGrid.id");
    }

    public static java.util.Map<String, Object> input(String parentId, String code, String name, String kind) {
        java.util.Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("code", code);
        input.put("name", name);
        input.put("kind", kind);
        if (parentId != null) {
            input.put("parentId", parentId);
        }
        return input;
    }

    public static String assign(String gridId, String subject, String role) {
        return Gql.admin().ok("""
                mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id } }""",
                "input", java.util.Map.of("gridId", gridId, "subject", subject, "displayName", subject, "role", role))
                .getString("assignStaff.id");
    }
}
