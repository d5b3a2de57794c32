package org.wangge;

import java.time.LocalDate;

/** Valid resident ID numbers for tests: region, birth date, sequence and the right check digit. */
public final class TestIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private TestIds() {
    }

    /** {@code sequence} is taken modulo 1000; its parity is the gender (odd: male). */
    public static String resident(String region, LocalDate birth, int sequence) {
        String body = region + birth.toString().replace("-", "") + String.format("%03d", Math.floorMod(sequence, 1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
