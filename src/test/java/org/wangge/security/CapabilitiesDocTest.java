package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wangge.grid.StaffRole;

/** The role table in DEVELOPERS.md says what {@link Capabilities} does, row for row. */
class CapabilitiesDocTest {

    @Test
    void theDocumentedRoleTableIsTheOneInCode() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("DEVELOPERS.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length < 4) {
                continue;
            }
            String role = cells[1].strip();
            if (Arrays.stream(StaffRole.values()).anyMatch(r -> r.name().equals(role))) {
                documented.put(role, tokens(cells[2]) + " / " + capabilities(cells[3]));
            }
        }
        Map<String, String> inCode = new TreeMap<>();
        Capabilities.table().forEach((role, entry) -> inCode.put(role.name(),
                new TreeSet<>(entry.tokenRoles()) + " / " + new TreeSet<>(entry.capabilities().stream().map(Enum::name).toList())));
        assertEquals(inCode, documented);
    }

    private static Set<String> tokens(String cell) {
        return Arrays.stream(cell.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    /** "all", "all but X", "none (…)" or a list, with an optional remark in brackets. */
    private static Set<String> capabilities(String cell) {
        String text = cell.replaceAll("\\(.*\\)", "").strip();
        Set<Capability> set;
        if (text.equals("all")) {
            set = EnumSet.allOf(Capability.class);
        } else if (text.startsWith("all but ")) {
            set = EnumSet.allOf(Capability.class);
            Arrays.stream(text.substring(8).split(",")).map(String::strip).map(Capability::valueOf).forEach(set::remove);
        } else if (text.equals("none")) {
            set = EnumSet.noneOf(Capability.class);
        } else {
            set = Arrays.stream(text.split(",")).map(String::strip).map(Capability::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class)));
        }
        return set.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
