package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Java, the jobs and the database's roll-ups reckon days in one zone, Clock's, and nothing claims to set another. */
class OneTimeZoneTest {

    private static final Pattern SQL_ZONE = Pattern.compile("AT TIME ZONE '([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern JOB_ZONE = Pattern.compile("timeZone\\s*=\\s*\"([^\"]+)\"");

    @Test
    void migrationsAndJobsUseClocksZone() throws IOException {
        List<String> zones = new ArrayList<>();
        for (Path file : files(Path.of("src/main/resources/db"), ".sql")) {
            Matcher m = SQL_ZONE.matcher(Files.readString(file));
            while (m.find()) {
                zones.add(file.getFileName() + ": " + m.group(1));
            }
        }
        for (Path file : files(Path.of("src/main/java"), ".java")) {
            Matcher m = JOB_ZONE.matcher(Files.readString(file));
            while (m.find()) {
                zones.add(file.getFileName() + ": " + m.group(1));
            }
        }
        assertFalse(zones.isEmpty(), "the roll-up triggers reckon days in a zone");
        for (String zone : zones) {
            assertEquals(Clock.ZONE_NAME, zone.substring(zone.indexOf(": ") + 2), zone);
        }
    }

    @Test
    void theZoneIsNotASetting() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertFalse(properties.contains("time-zone"), "a time-zone setting would change Java's days but not the database's");
        assertTrue(Files.readString(Path.of("README.md")).contains("China Standard Time"));
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
