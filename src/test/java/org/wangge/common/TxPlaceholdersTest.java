package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Writes take the reads' $n placeholders; Hibernate's native queries number theirs ?n. */
class TxPlaceholdersTest {

    @Test
    void dollarPlaceholdersBecomeOrdinalOnes() {
        assertEquals("UPDATE t SET a = ?2 WHERE id = ?1 AND v = ?12", Tx.placeholders("UPDATE t SET a = $2 WHERE id = $1 AND v = $12"));
    }

    @Test
    void aCastRightAfterOneKeepsItsOwnParameter() {
        // Hibernate would read "?1::bigint[]" as one label
        assertEquals("unnest(?1 ::bigint[]), ?2 ::text IS NULL, 'x'::text", Tx.placeholders("unnest($1::bigint[]), $2::text IS NULL, 'x'::text"));
    }
}
