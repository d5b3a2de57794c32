package org.wangge.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.TestDb;

/**
 * What a caller without an audited full read can learn of an ID number or a phone, from the masks
 * and every clear field together, must leave at least 10,000 ID numbers and 1,000,000 phones.
 */
@QuarkusTest
class PersonalDataExposureTest {

    private static final Gql CHIEF = Gql.as("chief-dongguan", "grid_chief");
    private static final Gql WORKER = Gql.as("worker-dongguan", "grid_worker");
    private static final String READ = "query($id: ID!) { person(id: $id) { idNumber phone gender birthDate birthYear age } }";

    @Inject
    Pool pool;

    @Test
    void anAgeFilterTellsNoMoreThanTheBirthYearToThoseWhoMayNotReadBirthDates() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // turning 30 later this year: 29 today, 30 by the birth year
        LocalDate birth = LocalDate.of(today.getYear() - 30, 12, 31);
        org.junit.jupiter.api.Assumptions.assumeTrue(today.isBefore(LocalDate.of(today.getYear(), 12, 31)), "no difference on New Year's Eve");
        String household = PeopleTest.household(CHIEF, "411321001001001", "东关村一组 78 号 " + System.nanoTime());
        String name = "年龄" + System.nanoTime();
        String personId = PeopleTest.register(CHIEF, PeopleTest.person(household, name, PeopleTest.residentId(birth, false), null))
                .getString("registerPerson.id");
        String query = "query($n: String!, $a: Int!) { persons(filter: {namePrefix: $n, minAge: $a}) { edges { node { id } } } }";
        // by day, whoever may not see the birth date could find it: the day the answer changes
        assertEquals(java.util.List.of(personId), WORKER.ok(query, "n", name, "a", 30).getList("persons.edges.node.id"));
        assertEquals(java.util.List.of(), CHIEF.ok(query, "n", name, "a", 30).getList("persons.edges.node.id"));
        assertEquals(java.util.List.of(personId), CHIEF.ok(query, "n", name, "a", 29).getList("persons.edges.node.id"));
    }

    @Test
    void masksAndClearFieldsLeaveEnoughCandidates() {
        String household = PeopleTest.household(CHIEF, "411321001001001", "东关村一组 77 号");
        LocalDate birth = LocalDate.of(1961, 1, 3);
        String id = PeopleTest.residentId(birth, true);
        String personId = PeopleTest.register(CHIEF, PeopleTest.person(household, "测算", id, "13812345678")).getString("registerPerson.id");

        JsonPath seen = WORKER.ok(READ, "id", personId).setRootPath("data.person");
        assertEquals("411***************", seen.getString("idNumber"));
        assertEquals("138******78", seen.getString("phone"));
        assertNull(seen.get("birthDate"), "the birth date is for roles that may read the ID number in full");
        assertEquals(1961, seen.getInt("birthYear"));
        assertEquals(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1961, seen.getInt("age"), "the age reached this year, no finer");

        long ids = residentIdCandidates(seen.getString("idNumber"), seen.getString("gender"), seen.getInt("birthYear"), seen.getInt("age"));
        assertTrue(ids >= 10_000, ids + " ID numbers fit what a grid worker sees");
        assertTrue(phoneCandidates(seen.getString("phone")) >= 1_000_000, seen.getString("phone"));

        JsonPath chief = CHIEF.ok(READ, "id", personId).setRootPath("data.person");
        assertEquals(birth.toString(), chief.getString("birthDate"));
        assertEquals(Period.between(birth, LocalDate.now(ZoneId.of("Asia/Shanghai"))).getYears(), chief.getInt("age"));
        assertEquals("411***************", chief.getString("idNumber"), "the mask is the same for everyone");
    }

    @Test
    void otherDocumentsAndLandlinesAreMaskedAsHard() {
        String household = PeopleTest.household(CHIEF, "411321001001001", "东关村一组 78 号");
        Map<String, Object> passport = PeopleTest.person(household, "Jane Roe", "E" + (10_000_000 + System.nanoTime() % 89_999_999), "037761234567");
        passport.put("idType", "PASSPORT");
        JsonPath seen = PeopleTest.register(CHIEF, passport).setRootPath("data.registerPerson");
        assertEquals("E********", seen.getString("idNumber"));
        assertEquals("037*******67", seen.getString("phone"));
        assertTrue(phoneCandidates(seen.getString("phone")) >= 1_000_000);
    }

    /** Rows written with the old masks get the new ones from the migration (which may run again without harm). */
    @Test
    void theMigrationTrimsMasksWrittenBefore() throws IOException {
        String household = PeopleTest.household(CHIEF, "411321001001001", "东关村一组 79 号");
        String a = PeopleTest.register(CHIEF, PeopleTest.person(household, "旧掩码甲", null, null)).getString("registerPerson.id");
        Map<String, Object> other = PeopleTest.person(household, "旧掩码乙", null, null);
        String b = PeopleTest.register(CHIEF, other).getString("registerPerson.id");
        TestDb.rows(pool, "UPDATE person SET id_number_mask = '411***********1234', phone_mask = '138****5678' WHERE id = $1", Long.parseLong(a));
        TestDb.rows(pool, "UPDATE person SET id_type = 'PASSPORT', id_number_mask = 'E12**5678', phone_mask = '037*****4567' WHERE id = $1",
                Long.parseLong(b));

        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V20__pii_masks.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String statement : migration.split(";")) {
            if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                TestDb.rows(pool, statement);
            }
        }
        assertEquals("411***************|138******78", masks(a));
        assertEquals("E********|037*******67", masks(b));
    }

    private String masks(String personId) {
        var row = TestDb.rows(pool, "SELECT id_number_mask || '|' || phone_mask FROM person WHERE id = $1", Long.parseLong(personId)).get(0);
        return row.getString(0);
    }

    /**
     * Resident IDs (region 6, birth date 8, sequence 3 with gender in its parity, check digit)
     * that fit the mask, the gender and what birth year and age say of the birth date. The
     * region is taken as known (the household's address gives it away), the check digit follows
     * from the others.
     */
    static long residentIdCandidates(String mask, String gender, int birthYear, int age) {
        assertEquals(18, mask.length());
        for (int i = 6; i < 18; i++) {
            assertEquals('*', mask.charAt(i), "birth date, sequence and check digit are hidden: " + mask);
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long dates = 0;
        for (LocalDate d = LocalDate.of(birthYear, 1, 1); d.getYear() == birthYear; d = d.plusDays(1)) {
            if (!d.isAfter(today) && shownAge(d, today) == age) {
                dates++;
            }
        }
        long sequences = 0;
        for (int s = 0; s < 1000; s++) {
            if ((s % 2 == 1) == "MALE".equals(gender)) {
                sequences++;
            }
        }
        return dates * sequences;
    }

    /** The age shown to a caller who may not see the birth date: the age reached this year. */
    private static int shownAge(LocalDate birth, LocalDate today) {
        return today.getYear() - birth.getYear();
    }

    static long phoneCandidates(String mask) {
        long hidden = mask.chars().filter(c -> c == '*').count();
        return (long) Math.pow(10, hidden);
    }
}
