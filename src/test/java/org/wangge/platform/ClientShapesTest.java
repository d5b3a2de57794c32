package org.wangge.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.common.Sql;

/**
 * The benchmarks' client-shaped documents that the executor answers (bench/documents: a case list
 * with each case's grid, department and residents, a household list with members, a person's page)
 * take a fixed number of statements however many objects they return: every nested field is
 * batched, none runs once per parent. Each is run as the township's or village's staff with a small
 * and a larger page, and must answer with data and without errors.
 */
@QuarkusTest
class ClientShapesTest {

    private static final Doc REGISTER = Doc.of("people/RegisterPerson");
    private static final Doc RECORD_VISIT = Doc.of("people/RecordVisit");
    private static final Doc TRANSFER = Doc.of("people/TransferPerson");
    private static final Doc REPORT = Doc.of("cases/ReportCase");
    private static final Doc ACCEPT = Doc.of("cases/AcceptCase");
    private static final Doc DISPATCH = Doc.of("cases/DispatchCase");

    @Inject
    Sql sql;

    County c;
    static final List<String> households = new ArrayList<>();
    static final List<String> persons = new ArrayList<>();

    @BeforeEach
    void county() {
        c = County.of(getClass());
        synchronized (households) {
            if (!households.isEmpty()) {
                return;
            }
            // six households of two residents in group1, each visited twice
            for (int h = 0; h < 6; h++) {
                String household = c.household(c.group1, "东关村" + h + "号");
                households.add(household);
                for (int p = 0; p < 2; p++) {
                    Map<String, Object> in = new HashMap<>();
                    in.put("householdId", household);
                    in.put("name", "住户" + h + p);
                    in.put("residenceType", "REGISTERED");
                    in.put("relation", p == 0 ? "HOUSEHOLDER" : "SPOUSE");
                    in.put("phone", "1380013" + String.format("%04d", h * 10 + p));
                    persons.add(c.chief.field(REGISTER, "input", in).getString("id"));
                }
                for (int v = 0; v < 2; v++) {
                    c.worker.field(RECORD_VISIT, "input", Map.of("householdId", household, "findings", "第" + v + "次"));
                }
            }
            // the first resident moved in from the last household: two periods of membership
            c.chief.ok(TRANSFER, "personId", persons.get(persons.size() - 1), "householdId", households.get(0), "relation", "CHILD");
            // six cases concerning two residents each, accepted and dispatched to the department
            for (int k = 0; k < 6; k++) {
                JsonPath reported = c.worker.field(REPORT, "input", Map.of("kind", "LIVELIHOOD", "title", "案件" + k,
                        "gridId", c.group1.id(), "personIds", List.of(persons.get(2 * k), persons.get(2 * k + 1))));
                String id = reported.getString("id");
                JsonPath accepted = c.commander.field(ACCEPT, "id", id, "version", reported.getInt("version"));
                c.commander.field(DISPATCH, "id", id, "version", accepted.getInt("version"), "toDepartmentId", c.department);
            }
        }
    }

    @Test
    void aCaseListTakesAsManyStatementsForTwoCasesAsForSix() throws IOException {
        String document = bench("case-list");
        Map<String, Object> filter = Map.of("gridId", c.township.id(), "states", List.of("DISPATCHED"));
        long two = statements(c.commander, document, "cases.edges", 2, "filter", filter, "first", 2);
        long six = statements(c.commander, document, "cases.edges", 6, "filter", filter, "first", 6);
        assertEquals(two, six, "a nested field of the case list runs once per case");
        // the grid, the department, the persons' links and the persons, after the page
        assertTrue(six <= 6, "statements: " + six);
    }

    @Test
    void aHouseholdListTakesAsManyStatementsForTwoHouseholdsAsForSix() throws IOException {
        String document = bench("households");
        long two = statements(c.chief, document, "households.edges", 2, "gridId", c.group1.id(), "first", 2);
        long six = statements(c.chief, document, "households.edges", 6, "gridId", c.group1.id(), "first", 6);
        assertEquals(two, six, "a nested field of the household list runs once per household");
        assertTrue(six <= 5, "statements: " + six);
    }

    @Test
    void aPersonsPageTakesAFixedNumberOfStatements() throws IOException {
        String document = bench("person");
        // the resident who moved: two households in their history, each with its grid and visits
        long moved = statements(c.chief, document, "person.memberships", 2, "id", persons.get(persons.size() - 1));
        long stayed = statements(c.chief, document, "person.memberships", 1, "id", persons.get(0));
        assertEquals(stayed, moved, "a nested field of the person's page runs once per household");
        assertTrue(moved <= 8, "statements: " + moved);
    }

    /** The fewest statements over three runs of the document (other work, such as outbox polls, may add some). */
    private long statements(Gql as, String document, String list, int size, Object... vars) {
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = sql.statementCount();
            JsonPath data = as.ok(document, vars);
            fewest = Math.min(fewest, sql.statementCount() - before);
            assertEquals(size, data.getList(list).size(), list + " of " + data.prettify());
        }
        return fewest;
    }

    private static String bench(String name) throws IOException {
        Path file = Path.of("bench/documents/" + name + ".graphql");
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
