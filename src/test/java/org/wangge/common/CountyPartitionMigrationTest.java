package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrating a filled database to county partitions (V46) keeps every row of every table, as it
 * was, and puts each in its county: a database of its own, taken to V45 by Flyway, filled, then
 * migrated on.
 */
class CountyPartitionMigrationTest {

    static final String DATABASE = "wangge_county_migration";

    @Test
    void aFilledDatabaseKeepsEveryRowAndEachRowFindsItsCounty() throws Exception {
        String base = System.getenv().getOrDefault("DB_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/wangge_test");
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        String url = server + DATABASE;
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").target("45").load().migrate();

        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement s = db.createStatement()) {
                s.execute(resource("/migration/filled-before-county-partitions.sql"));
            }
            Map<String, String> before = contents(db, tables(db));
            assertTrue(before.get("case_event").startsWith("20 "), before.get("case_event"));

            Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();

            assertEquals(before, contents(db, before.keySet()));
            // each row in its county's partition: the two counties' own, the city's figures in the default
            assertEquals(List.of("household_610702 12", "household_610703 12"), placement(db, "household"));
            assertEquals(List.of("person_610702 24", "person_610703 24"), placement(db, "person"));
            assertEquals(List.of("case_file_610702 5", "case_file_610703 5"), placement(db, "case_file"));
            assertEquals(List.of("case_event_610702 10", "case_event_610703 10"), placement(db, "case_event"));
            assertEquals(List.of("daily_grid_figure_610702 6", "daily_grid_figure_610703 6", "daily_grid_figure_default 2"),
                    placement(db, "daily_grid_figure"));
            // the smaller county tables took the county of the row they hang off
            for (String table : List.of("household_member", "visit", "person_care", "case_person", "case_attachment", "house",
                    "tenancy", "unit", "unit_risk", "inspection", "inspection_finding", "address")) {
                assertEquals(List.of("610702", "610703"), strings(db, "SELECT DISTINCT county_code FROM " + table + " ORDER BY 1"), table);
            }
            assertEquals(48L, Long.parseLong(strings(db, "SELECT count(*) FROM person_identity").get(0)));
            // identities carry on past the copied rows
            assertEquals(List.of("t"), strings(db, """
                    WITH h AS (INSERT INTO household (county_code, grid_id, address) VALUES ('610702', 9004, '新楼') RETURNING id)
                    SELECT (SELECT id FROM h) > (SELECT max(id) FROM household WHERE address <> '新楼')"""));
        }
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private static List<String> tables(Connection db) throws SQLException {
        return strings(db, """
                SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
                  AND relname <> 'flyway_schema_history' ORDER BY 1""");
    }

    /** Each table's row count and a digest of its rows, county_code left out. */
    private static Map<String, String> contents(Connection db, Iterable<String> tables) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (String table : tables) {
            out.put(table, strings(db, "SELECT count(*) || ' ' || md5(coalesce(string_agg(j, '|' ORDER BY j), '')) FROM "
                    + "(SELECT (to_jsonb(t) - 'county_code')::text AS j FROM " + table + " t) x").get(0));
        }
        return out;
    }

    private static List<String> placement(Connection db, String table) throws SQLException {
        return strings(db, "SELECT tableoid::regclass || ' ' || count(*) FROM " + table + " GROUP BY tableoid ORDER BY 1");
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = CountyPartitionMigrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
