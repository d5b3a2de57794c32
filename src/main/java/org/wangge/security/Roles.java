package org.wangge.security;

/** Roles carried by the OIDC token (Keycloak realm roles or a "groups" claim). */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String COMMANDER = "commander";
    public static final String GRID_CHIEF = "grid_chief";
    public static final String GRID_WORKER = "grid_worker";
    public static final String REPORTER = "reporter";
    public static final String DEPARTMENT = "department";
    /** A department member who keeps the department's webhook endpoints (with membership of that department). */
    public static final String DEPARTMENT_ADMIN = "department_admin";
    public static final String RESIDENT = "resident";

    private Roles() {
    }
}
