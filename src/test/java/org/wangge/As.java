package org.wangge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wangge.security.Roles;

/**
 * Callers by role, each a fresh subject with the reach a real one has: the token role, and what
 * gives that role its reach, made through the API as the admin. Staff get an assignment on each
 * grid given (a token role that may hold it, DEVELOPERS.md, Capabilities per assignment role),
 * residents a record in a household linked to their login, department staff a membership.
 * Every caller is new, so no reach of theirs is cached before it is made; an assignment added later
 * with {@link #assign} is seen at once (the service forgets cached reach on its own staff changes).
 */
public final class As {

    static final Doc REGISTER_PERSON = Doc.of("people/RegisterPerson");
    static final Doc ADD_DEPARTMENT_MEMBER = Doc.of("cases/AddDepartmentMember");

    private As() {
    }

    public static Gql admin() {
        return Gql.admin();
    }

    public static Gql anonymous() {
        return Gql.anonymous();
    }

    /** Signed in with a token role and nothing else: no assignment, record or membership. */
    public static Gql signedIn(String tokenRole) {
        return Gql.as(Fixtures.code(tokenRole.replace('_', '-')), tokenRole);
    }

    /** 网格指挥长: GRID_COMMANDER of a grid (a township, usually), token role commander. */
    public static Gql commander(String gridId) {
        return staff(Roles.COMMANDER, "GRID_COMMANDER", gridId);
    }

    /** 网格长: GRID_CHIEF of a grid, token role grid_chief. One chief per grid at a time. */
    public static Gql gridChief(String gridId) {
        return staff(Roles.GRID_CHIEF, "GRID_CHIEF", gridId);
    }

    /** 网格指导员: GRID_INSTRUCTOR of a grid, token role grid_worker. */
    public static Gql gridInstructor(String gridId) {
        return staff(Roles.GRID_WORKER, "GRID_INSTRUCTOR", gridId);
    }

    /** 网格员: GRID_WORKER of each grid given, token role grid_worker. */
    public static Gql gridWorker(String... gridIds) {
        return staff(Roles.GRID_WORKER, "GRID_WORKER", gridIds);
    }

    /** 信息员: INFORMATION_REPORTER of a grid, token role reporter. */
    public static Gql reporter(String gridId) {
        return staff(Roles.REPORTER, "INFORMATION_REPORTER", gridId);
    }

    /** 社区民警: COMMUNITY_POLICE of a grid, token role grid_worker. */
    public static Gql communityPolice(String gridId) {
        return staff(Roles.GRID_WORKER, "COMMUNITY_POLICE", gridId);
    }

    /** 法律顾问: LEGAL_ADVISER of a grid, token role grid_worker. */
    public static Gql legalAdviser(String gridId) {
        return staff(Roles.GRID_WORKER, "LEGAL_ADVISER", gridId);
    }

    /** 联户长: JOINT_HOUSEHOLD_CHIEF of a grid, a resident (token role resident). */
    public static Gql jointHouseholdChief(String gridId) {
        return staff(Roles.RESIDENT, "JOINT_HOUSEHOLD_CHIEF", gridId);
    }

    /** 楼栋长: BUILDING_CHIEF of one building of a grid, a resident (token role resident). */
    public static Gql buildingChief(String gridId, String building) {
        Gql who = signedIn(Roles.RESIDENT);
        assign(who, gridId, "BUILDING_CHIEF", building);
        return who;
    }

    /** A department's staff: a member of the department, token role department. */
    public static Gql department(String departmentId) {
        Gql who = signedIn(Roles.DEPARTMENT);
        Gql.admin().ok(ADD_DEPARTMENT_MEMBER, "departmentId", departmentId, "subject", who.subject(), "displayName", who.subject());
        return who;
    }

    /** A resident registered in a household, the record linked to their login; token role resident. */
    public static Gql resident(String householdId) {
        Gql who = signedIn(Roles.RESIDENT);
        Gql.admin().ok(REGISTER_PERSON, "input", Map.of("householdId", householdId, "name", "居民" + who.subject(),
                "residenceType", "REGISTERED", "accountSubject", who.subject()));
        return who;
    }

    /** A resident with no record yet, as one who has just signed in to the mini-program. */
    public static Gql resident() {
        return signedIn(Roles.RESIDENT);
    }

    /** One more assignment for a caller made here; returns the assignment's id. */
    public static String assign(Gql who, String gridId, String role) {
        return assign(who, gridId, role, null);
    }

    private static String assign(Gql who, String gridId, String role, String building) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("gridId", gridId);
        input.put("subject", who.subject());
        input.put("displayName", who.subject());
        input.put("role", role);
        if (building != null) {
            input.put("building", building);
        }
        return Gql.admin().field(Fixtures.ASSIGN_STAFF, "input", input).getString("id");
    }

    private static Gql staff(String tokenRole, String role, String... gridIds) {
        if (gridIds.length == 0) {
            throw new IllegalArgumentException("staff need a grid");
        }
        Gql who = signedIn(tokenRole);
        for (String grid : gridIds) {
            assign(who, grid, role);
        }
        return who;
    }
}
