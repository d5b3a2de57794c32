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

    /**
     * A random 统一社会信用代码 with its check character (GB 32100: weights 3^i mod 31 over the
     * first 17, check = 31 minus the sum mod 31), worked out here apart from the server's.
     */
    public static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder("9141");
        while (code.length() < 17) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return code.append(alphabet.charAt((31 - sum % 31) % 31)).toString();
    }
}
