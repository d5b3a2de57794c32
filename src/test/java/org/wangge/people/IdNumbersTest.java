package org.wangge.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.wangge.common.ApiException;
import org.wangge.common.ErrorCode;

class IdNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void acceptsValidResidentIdsAndReadsBirthDateAndGender() {
        IdNumbers.ResidentId id = IdNumbers.residentId("idNumber", "411321198001010019", TODAY);
        assertEquals(LocalDate.of(1980, 1, 1), id.birthDate());
        assertEquals(Gender.MALE, id.gender());
        IdNumbers.ResidentId x = IdNumbers.residentId("idNumber", " 11010519491231002x ", TODAY);
        assertEquals("11010519491231002X", x.number());
        assertEquals(Gender.FEMALE, x.gender());
        assertEquals(LocalDate.of(1990, 2, 28), IdNumbers.residentId("idNumber", "41132119900228004X", TODAY).birthDate());
    }

    @Test
    void refusesAWrongCheckDigitOrDateOrShape() {
        for (String bad : new String[] {"411321198001010018", "41132119800101001", "4113211980010100191", "41132119800230001X",
                "411321203001010012", "41132118000101001A", "ABCDEFGHIJKLMNOPQR"}) {
            ApiException e = assertThrows(ApiException.class, () -> IdNumbers.residentId("idNumber", bad, TODAY), bad);
            assertEquals(ErrorCode.VALIDATION, e.code());
            assertEquals("idNumber", e.details().get("field"));
        }
    }

    @Test
    void normalisesAndChecksPhones() {
        assertEquals("13812345678", IdNumbers.phone("phone", "+86 138-1234-5678"));
        assertEquals("03776612345", IdNumbers.phone("phone", "0377-6612345"));
        assertThrows(ApiException.class, () -> IdNumbers.phone("phone", "12345"));
        assertThrows(ApiException.class, () -> IdNumbers.phone("phone", "12812345678"));
    }

    @Test
    void masks() {
        // nothing of the birth date, sequence or check digit; at least six phone digits hidden
        assertEquals("411***************", PersonalData.maskIdNumber(IdType.RESIDENT_ID, "411321198001010019"));
        assertEquals("E********", PersonalData.maskIdNumber(IdType.PASSPORT, "E12345678"));
        assertEquals("*****", PersonalData.maskIdNumber(IdType.PASSPORT, "AB123"));
        assertEquals("138******78", PersonalData.maskPhone("13812345678"));
        assertEquals("037******5", PersonalData.maskPhone("0377612345"));
        assertEquals("037*******67", PersonalData.maskPhone("037761234567"));
    }

    @Test
    void rowsSealedUnderAnOlderKeyStillOpenAfterRotation() {
        String k0 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        byte[] one = new byte[32];
        one[0] = 1;
        String k1 = java.util.Base64.getEncoder().encodeToString(one);
        String hashKey = java.util.Base64.getEncoder().encodeToString(new byte[48]);
        PersonalData before = new PersonalData("k0=" + k0, "k0", hashKey);
        PersonalData after = new PersonalData("k1=" + k1 + ",k0=" + k0, "k1", hashKey);
        PersonalData.Sealed sealed = before.seal("411321198001010019", "x");
        assertEquals("k0", sealed.keyId());
        assertEquals("411321198001010019", after.decrypt(sealed.cipher(), sealed.keyId()));
        assertEquals("k1", after.seal("13812345678", "m").keyId());
        // the search hash does not depend on the encryption key
        assertEquals(java.util.HexFormat.of().formatHex(before.hash("a")), java.util.HexFormat.of().formatHex(after.hash("a")));
        assertThrows(IllegalStateException.class, () -> new PersonalData("k1=" + k1, "k1", hashKey).decrypt(sealed.cipher(), "k0"));
    }
}
