package org.wangge.units;

import java.util.Locale;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31 that exclude I, O, Z, S and V; the
 * last is a check character, 31 minus the weighted sum (weights 3^i mod 31) of the first 17,
 * mod 31. Registration authority (first) and organisation kind (second) are not checked against
 * their code lists: new kinds are added over the years.
 */
public final class CreditCodes {

    static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** The code as stored (upper case, no spaces), or null when it is not a valid code. */
    public static String normalised(String given) {
        if (given == null) {
            return null;
        }
        String code = given.strip().toUpperCase(Locale.ROOT);
        if (code.length() != 18 || CHARACTERS.indexOf(code.charAt(17)) < 0) {
            return null;
        }
        String complete = withCheckCharacter(code.substring(0, 17));
        return code.equals(complete) ? code : null;
    }

    /** The 17 characters with their check character, or null when one of them is not a code character. */
    static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARACTERS.indexOf(first17.charAt(i));
            if (value < 0) {
                return null;
            }
            sum += value * WEIGHTS[i];
        }
        return first17 + checkCharacter(sum);
    }

    /** The check character of the first 17 characters' weighted sum. */
    static char checkCharacter(int weightedSum) {
        int check = (31 - weightedSum % 31) % 31;
        return CHARACTERS.charAt(check);
    }
}
