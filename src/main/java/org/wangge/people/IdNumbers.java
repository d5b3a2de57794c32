package org.wangge.people;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wangge.common.ApiException;

/** Checks and normalises identity documents and phone numbers. */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final Pattern RESIDENT_ID = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern OTHER_DOCUMENT = Pattern.compile("[A-Z0-9()-]{5,30}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{9,11}");

    /** What an 18-digit resident ID says about its holder. */
    public record ResidentId(String number, LocalDate birthDate, Gender gender) {
    }

    private IdNumbers() {
    }

    /**
     * Checks a mainland resident ID (GB 11643): 17 digits, a valid birth date not in the future,
     * and the ISO 7064 MOD 11-2 check character.
     */
    public static ResidentId residentId(String field, String raw, LocalDate today) {
        String id = normaliseDocument(raw);
        if (!RESIDENT_ID.matcher(id).matches()) {
            throw ApiException.validation(field, "A resident ID has 17 digits and a check digit or X");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK[sum % 11] != id.charAt(17)) {
            throw ApiException.validation(field, "The resident ID's check digit is wrong");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw ApiException.validation(field, "The resident ID holds no valid birth date");
        }
        if (birth.isAfter(today) || birth.getYear() < 1880) {
            throw ApiException.validation(field, "The resident ID's birth date is not plausible");
        }
        Gender gender = (id.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new ResidentId(id, birth, gender);
    }

    /** Other documents (passport, permits): letters, digits and a few separators. */
    public static String otherDocument(String field, String raw) {
        String id = normaliseDocument(raw);
        if (!OTHER_DOCUMENT.matcher(id).matches()) {
            throw ApiException.validation(field, "A document number has 5-30 letters or digits");
        }
        return id;
    }

    public static String normaliseDocument(String raw) {
        return raw == null ? "" : raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** A mainland mobile or landline number, digits only, without a +86 prefix. */
    public static String phone(String field, String raw) {
        String digits = normalisePhone(raw);
        if (!MOBILE.matcher(digits).matches() && !LANDLINE.matcher(digits).matches()) {
            throw ApiException.validation(field, "Not a mainland mobile (11 digits from 13x-19x) or landline number");
        }
        return digits;
    }

    public static String normalisePhone(String raw) {
        String digits = raw == null ? "" : raw.replaceAll("[\\s()+-]", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits;
    }
}
