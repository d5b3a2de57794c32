package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wangge.common.ApiException;
import org.wangge.common.ErrorCode;
import org.wangge.grid.StaffRole;
import org.wangge.security.Caller;
import org.wangge.security.Roles;

/**
 * The loop's table, cell by cell, without HTTP or the demo county: every action from every state,
 * every kind of actor against every kind of caller; and README's table is the one in code.
 */
class CaseTransitionsTest {

    /** The loop as specified: action → the states it starts from → the state it leads to ("" unchanged). */
    static final String SPEC = """
            REPORT     | -                                                           | REPORTED
            WITHDRAW   | REPORTED                                                    | WITHDRAWN
            ACCEPT     | REPORTED                                                    | ACCEPTED
            REJECT     | REPORTED                                                    | REJECTED
            DISPATCH   | ACCEPTED                                                    | DISPATCHED
            TAKE       | DISPATCHED                                                  | IN_PROGRESS
            RESOLVE    | IN_PROGRESS                                                 | RESOLVED
            VERIFY     | RESOLVED                                                    | VERIFIED
            REWORK     | RESOLVED                                                    | IN_PROGRESS
            CLOSE      | VERIFIED                                                    | CLOSED
            ESCALATE   | ACCEPTED DISPATCHED IN_PROGRESS                             | ACCEPTED
            HAND_OVER  | REPORTED ACCEPTED DISPATCHED IN_PROGRESS RESOLVED VERIFIED  |
            RATE       | CLOSED                                                      |
            REQUEST_EXTENSION | DISPATCHED IN_PROGRESS                               |
            APPROVE_EXTENSION | DISPATCHED IN_PROGRESS                               |
            REFUSE_EXTENSION  | DISPATCHED IN_PROGRESS                               |
            REQUEST_PARK      | ACCEPTED DISPATCHED IN_PROGRESS                      |
            APPROVE_PARK      | ACCEPTED DISPATCHED IN_PROGRESS                      | PARKED
            REFUSE_PARK       | ACCEPTED DISPATCHED IN_PROGRESS                      |
            UNPARK            | PARKED                                               |
            OVERDUE    | -                                                           |
            """;

    @Test
    void everyActionFromEveryStateIsAllowedOrRefusedAsSpecified() {
        int cells = 0;
        for (String line : SPEC.strip().split("\n")) {
            String[] cols = line.split("\\|", -1);
            CaseAction action = CaseAction.valueOf(cols[0].strip());
            Set<String> from = Set.of(cols[1].strip().split("\\s+"));
            String to = cols[2].strip();
            assertEquals(to.isEmpty() ? null : CaseState.valueOf(to), action.to, action.name());
            for (CaseState state : CaseState.values()) {
                cells++;
                if (from.contains(state.name())) {
                    action.check(state);
                } else {
                    ApiException refused = assertThrows(ApiException.class, () -> action.check(state), action + " from " + state);
                    assertEquals(ErrorCode.INVALID_TRANSITION, refused.code());
                    assertEquals(state.name(), refused.getExtensions().get("state"));
                }
            }
        }
        assertEquals(CaseAction.values().length * CaseState.values().length, cells, "every action is specified");
    }

    // ---- who may act ----

    static final String TIER = "/1/2/";
    static final String GRID = "/1/2/3/";
    static final CaseAction.Facts CASE = new CaseAction.Facts("reporter", "owner", "handler", 7L, TIER, GRID);

    static Caller staff(String subject, StaffRole role, String path, String tokenRole) {
        return new Caller(subject, subject, Set.of(tokenRole), List.of(new Caller.Grant(path, role, null)), Set.of(), null);
    }

    /** Callers by kind, and for each actor the kinds it lets act (the rest may not). */
    static final Map<String, Caller> CALLERS = new LinkedHashMap<>();
    static final Map<CaseAction.Actor, String> PERMITTED = new LinkedHashMap<>();

    static {
        CALLERS.put("admin", Caller.of("root", "root", Set.of(Roles.ADMIN)));
        CALLERS.put("reporter", Caller.of("reporter", "r", Set.of(Roles.RESIDENT)));
        CALLERS.put("owner", Caller.of("owner", "o", Set.of(Roles.GRID_WORKER)));
        CALLERS.put("handler", Caller.of("handler", "h", Set.of(Roles.GRID_WORKER)));
        CALLERS.put("handlerAsVerifier", staff("handler", StaffRole.GRID_WORKER, GRID, Roles.GRID_WORKER));
        CALLERS.put("departmentMember", new Caller("desk", "d", Set.of(Roles.DEPARTMENT), List.of(), Set.of(7L), null));
        CALLERS.put("memberWithoutRole", new Caller("desk2", "d", Set.of(Roles.RESIDENT), List.of(), Set.of(7L), null));
        CALLERS.put("chiefOfTier", staff("chief", StaffRole.GRID_CHIEF, TIER, Roles.GRID_CHIEF));
        CALLERS.put("chiefBelowTier", staff("chief2", StaffRole.GRID_CHIEF, GRID, Roles.GRID_CHIEF));
        CALLERS.put("chiefElsewhere", staff("chief3", StaffRole.GRID_CHIEF, "/1/9/", Roles.GRID_CHIEF));
        CALLERS.put("workerOfGrid", staff("worker", StaffRole.GRID_WORKER, GRID, Roles.GRID_WORKER));
        CALLERS.put("reporterOfGrid", staff("snap", StaffRole.INFORMATION_REPORTER, GRID, Roles.REPORTER));
        CALLERS.put("policeOfTier", staff("police", StaffRole.COMMUNITY_POLICE, TIER, Roles.GRID_WORKER));
        CALLERS.put("stranger", Caller.of("nobody", "n", Set.of(Roles.RESIDENT)));

        String all = String.join(" ", CALLERS.keySet());
        PERMITTED.put(CaseAction.Actor.ANYONE, all);
        PERMITTED.put(CaseAction.Actor.REPORTER, "reporter");
        PERMITTED.put(CaseAction.Actor.TIER_LEAD, "admin chiefOfTier");
        PERMITTED.put(CaseAction.Actor.HANDLER, "handler handlerAsVerifier departmentMember");
        PERMITTED.put(CaseAction.Actor.HANDLER_OR_TIER_LEAD, "admin handler handlerAsVerifier departmentMember chiefOfTier");
        PERMITTED.put(CaseAction.Actor.VERIFIER, "admin chiefOfTier chiefBelowTier workerOfGrid");
        PERMITTED.put(CaseAction.Actor.OWNER_OR_TIER_LEAD, "admin owner chiefOfTier");
        PERMITTED.put(CaseAction.Actor.SYSTEM, "");
    }

    @Test
    void everyKindOfActorLetsExactlyTheCallersItShould() {
        List<String> wrong = new ArrayList<>();
        for (CaseAction.Actor actor : CaseAction.Actor.values()) {
            Set<String> expected = Set.of(PERMITTED.get(actor).split(" ")).stream().filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            CALLERS.forEach((kind, caller) -> {
                if (actor.permits(caller, CASE) != expected.contains(kind)) {
                    wrong.add(actor + " × " + kind + ": expected " + expected.contains(kind));
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    // ---- README ----

    static final String START = "<!-- case-transitions: rendered from CaseAction -->";
    static final String END = "<!-- /case-transitions -->";

    static String render() {
        StringBuilder table = new StringBuilder("| step | | from | to | who may take it |\n|---|---|---|---|---|\n");
        for (CaseAction a : CaseAction.values()) {
            String zh = descriptionOf(a);
            String from = a.from.isEmpty() ? "—" : a.from.stream().sorted().map(s -> "`" + s + "`").collect(Collectors.joining(", "));
            table.append("| `").append(a).append("` | ").append(zh).append(" | ").append(from).append(" | ")
                    .append(a.to == null ? "(unchanged)" : "`" + a.to + "`").append(" | ").append(a.actor.who).append(" |\n");
        }
        return table.toString();
    }

    private static String descriptionOf(CaseAction a) {
        try {
            return CaseAction.class.getField(a.name()).getAnnotation(org.eclipse.microprofile.graphql.Description.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readmeShowsTheTableInCode() throws Exception {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START) + START.length() + 1;
        int end = text.indexOf(END);
        String rendered = render();
        if (Boolean.getBoolean("wangge.readme.write")) {
            Files.writeString(readme, text.substring(0, start) + rendered + text.substring(end));
            return;
        }
        assertEquals(rendered, text.substring(start, end), "README's loop table; after a deliberate change: -Dwangge.readme.write=true");
    }
}
