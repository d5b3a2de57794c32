package org.wangge.people.roster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wangge.people.PersonalData;

/**
 * The one way import messages are stored: a message may quote a cell, and a shifted column puts a
 * resident ID or a phone number where a name or a date was expected. Anything that looks like one
 * (a resident ID of 15 or 18 characters, a mobile number, any run of seven or more digits) is
 * masked as the graph masks them; the line and column still say where to look.
 */
final class ErrorText {

    private static final Pattern NUMBERS = Pattern.compile("(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{14}[Xx]|[0-9]{7,})(?![0-9])");

    private ErrorText() {
    }

    static String safe(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = NUMBERS.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = m.group();
            String masked = number.length() >= 15 ? PersonalData.maskIdNumber(org.wangge.people.IdType.RESIDENT_ID, number) : PersonalData.maskPhone(number);
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        return m.appendTail(out).toString();
    }
}
