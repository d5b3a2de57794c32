package org.wangge.cases.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FlatSelectionTest {

    @Test
    void everyFieldOfTheTypeCanBeRenderedDirectly() throws Exception {
        String schema = Files.readString(Path.of("graphql-schema", "schema.graphql"));
        Matcher type = Pattern.compile("type CaseUpdate \\{(.*?)\\n}", Pattern.DOTALL).matcher(schema);
        assertEquals(true, type.find());
        Set<String> fields = new TreeSet<>();
        Matcher field = Pattern.compile("^\\s+(\\w+)\\s*:", Pattern.MULTILINE).matcher(type.group(1));
        while (field.find()) {
            fields.add(field.group(1));
        }
        assertEquals(fields, new TreeSet<>(CaseUpdate.FIELDS.keySet()));
    }

    @Test
    void onlyPlainSelectionsOfTheRightFieldAreRenderedDirectly() {
        assertNotNull(FlatSelection.of("subscription { caseEvents { cursor t: title __typename } }", null, "caseEvents"));
        assertNotNull(FlatSelection.of("subscription A { caseEvents { cursor } } query B { me { subject } }", "A", "caseEvents"));
        assertNull(FlatSelection.of("subscription { caseEvents { cursor } }", null, "myCaseUpdates"));
        assertNull(FlatSelection.of("subscription { caseEvents { ... on CaseUpdate { cursor } } }", null, "caseEvents"));
        assertNull(FlatSelection.of("subscription { caseEvents { cursor @include(if: false) } }", null, "caseEvents"));
        assertNull(FlatSelection.of("subscription { caseEvents { cursor unknownField } }", null, "caseEvents"));
        assertNull(FlatSelection.of("query { caseEvents { cursor } }", null, "caseEvents"));
        assertNull(FlatSelection.of("subscription { caseEvents { cursor", null, "caseEvents"));
        assertNull(FlatSelection.of("subscription A { caseEvents { cursor } } subscription B { caseEvents { at } }", null, "caseEvents"));
    }
}
