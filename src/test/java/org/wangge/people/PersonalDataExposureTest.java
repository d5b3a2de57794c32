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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/**
 * What a caller without an audited full read can learn of an ID number or a phone, from the masks
 * and every clear field together, must leave at least 10,000 ID numbers and 1,000,000 phones.
 */
@QuarkusTest
class PersonalDataExposureTest {

    static final Doc READ = Doc.of("people/PersonDetail");
    static final Doc PERSONS = Doc.of("people/Persons");

    @Inject
    Pool pool;

    County c;
    /** The village's chief, who reads ID numbers in full, and a worker of group1, who does not. */
    Gql chief;
    Gql worker;

    @BeforeEach
    void county() {
        c = County.of(getClass());
        chief = c.chief;
        worker = c.worker;
    }

    @Test
    void anAgeFilterTellsNoMoreThanTheBirthYearToThoseWhoMayNotReadBirthDates() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // turning 30 later this year: 29 today, 30 by the birth year
        LocalDate birth = LocalDate.of(today.getYear() - 30, 12, 31);
        org.junit.jupiter.api.Assumptions.assumeTrue(today.isBefore(LocalDate.of(today.getYear(), 12, 31)), "no difference on New Year's Eve");
        String household = PeopleTest.household(chief, c.group1, "东关村一组 78 号 " + System.nanoTime());
        String name = "年龄" + System.nanoTime();
        String personId = PeopleTest.register(chief, PeopleTest.person(household, name, PeopleTest.residentId(birth, false), null))
                .getString("id");
        // by day, whoever may not see the birth date could find it: the day the answer changes
        assertEquals(java.util.List.of(personId), worker.ok(PERSONS, "filter", Map.of("namePrefix", name, "minAge", 30)).getList("persons.edges.node.id"));
        assertEquals(java.util.List.of(), chief.ok(PERSONS, "filter", Map.of("namePrefix", name, "minAge", 30)).getList("persons.edges.node.id"));
        assertEquals(java.util.List.of(personId), chief.ok(PERSONS, "filter", Map.of("namePrefix", name, "minAge", 29)).getList("persons.edges.node.id"));
    }

    @Test
    void masksAndClearFieldsLeaveEnoughCandidates() {
        String household = PeopleTest.household(chief, c.group1, "东关村一组 77 号");
        LocalDate birth = LocalDate.of(1961, 1, 3);
        String id = PeopleTest.residentId(birth, true);
        String personId = PeopleTest.register(chief, PeopleTest.person(household, "测算", id, "13812345678")).getString("id");

        JsonPath seen = worker.field(READ, "id", personId);
        assertEquals("411***************", seen.getString("idNumber"));
        assertEquals("138******78", seen.getString("phone"));
        assertNull(seen.get("birthDate"), "the birth date is for roles that may read the ID number in full");
        assertEquals(1961, seen.getInt("birthYear"));
        assertEquals(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1961, seen.getInt("age"), "the age reached this year, no finer");

        long ids = residentIdCandidates(seen.getString("idNumber"), seen.getString("gender"), seen.getInt("birthYear"), seen.getInt("age"));
        assertTrue(ids >= 10_000, ids + " ID numbers fit what a grid worker sees");
        assertTrue(phoneCandidates(seen.getString("phone")) >= 1_000_000, seen.getString("phone"));

        JsonPath byChief = chief.field(READ, "id", personId);
        assertEquals(birth.toString(), byChief.getString("birthDate"));
        assertEquals(Period.between(birth, LocalDate.now(ZoneId.of("Asia/Shanghai"))).getYears(), byChief.getInt("age"));
        assertEquals("411***************", byChief.getString("idNumber"), "the mask is the same for everyone");
    }

    @Test
    void otherDocumentsAndLandlinesAreMaskedAsHard() {
        String household = PeopleTest.household(chief, c.group1, "东关村一组 78 号");
        Map<String, Object> passport = PeopleTest.person(household, "Jane Roe", "E" + (10_000_000 + System.nanoTime() % 89_999_999), "037761234567");
        passport.put("idType", "PASSPORT");
        JsonPath seen = PeopleTest.register(chief, passport);
        assertEquals("E********", seen.getString("idNumber"));
        assertEquals("037*******67", seen.getString("phone"));
        assertTrue(phoneCandidates(seen.getString("phone")) >= 1_000_000);
    }

    /** Rows written with the old masks get the new ones from the migration (which may run again without harm). */
    @Test
    void theMigrationTrimsMasksWrittenBefore() throws IOException {
        String household = PeopleTest.household(chief, c.group1, "东关村一组 79 号");
        String a = PeopleTest.register(chief, PeopleTest.person(household, "旧掩码甲", null, null)).getString("id");
        Map<String, Object> other = PeopleTest.person(household, "旧掩码乙", null, null);
        String b = PeopleTest.register(chief, other).getString("id");
        TestDb.rows(pool, "UPDATE person SET id_number_mask = '411***********1234', phone_mask = '138****5678' WHERE id = $1", Keys.of(a));
        TestDb.rows(pool, "UPDATE person SET id_type = 'PASSPORT', id_number_mask = 'E12**5678', phone_mask = '037*****4567' WHERE id = $1",
                Keys.of(b));

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
        var row = TestDb.rows(pool, "SELECT id_number_mask || '|' || phone_mask FROM person WHERE id = $1", Keys.of(personId)).get(0);
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
