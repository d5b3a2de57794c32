package org.wangge.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** 统一社会信用代码 check characters (GB 32100-2015), against codes of registered organisations. */
class CreditCodesTest {

    @Test
    void realCodesAreValidAndNormalised() {
        assertEquals("91350100M000100Y43", CreditCodes.normalised("91350100M000100Y43"));
        assertEquals("91110000600037341L", CreditCodes.normalised(" 91110000600037341l "));
        assertEquals("91440300708461136T", CreditCodes.normalised("91440300708461136T"));
    }

    @Test
    void aWrongCheckCharacterLengthOrLetterIsRefused() {
        assertNull(CreditCodes.normalised("91350100M000100Y44"), "check character");
        assertNull(CreditCodes.normalised("91350100M000100Y4"), "17 characters");
        assertNull(CreditCodes.normalised("91350100M000100Y433"), "19 characters");
        assertNull(CreditCodes.normalised("91350100I000100Y43"), "I is not used");
        assertNull(CreditCodes.normalised("91350100O000100Y43"), "O is not used");
        assertNull(CreditCodes.normalised(null));
        // every single-character change of a valid code is caught
        String valid = "91110000600037341L";
        for (int i = 0; i < 18; i++) {
            for (char c : CreditCodes.CHARACTERS.toCharArray()) {
                if (c != valid.charAt(i)) {
                    assertNull(CreditCodes.normalised(valid.substring(0, i) + c + valid.substring(i + 1)), i + " → " + c);
                }
            }
        }
    }
}
