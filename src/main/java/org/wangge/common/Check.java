package org.wangge.common;

import java.util.regex.Pattern;

/** Input checks that report the offending field. */
public final class Check {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** C0 controls but tab, line feed and carriage return, DEL, and the non-characters XML 1.0 refuses. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");

    private Check() {
    }

    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(field, field + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw ApiException.validation(field, field + " must be at most " + max + " characters");
        }
        if (CONTROL.matcher(trimmed).find()) {
            // PostgreSQL refuses NUL, and XML answers (Open311) cannot carry the others
            throw ApiException.validation(field, field + " must not contain control characters");
        }
        return trimmed;
    }

    public static String code(String field, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw ApiException.validation(field,
                    field + " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** A link a client can open: http or https, with a host. */
    public static String url(String field, String value, int max) {
        String v = text(field, value, max);
        try {
            java.net.URI uri = new java.net.URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return v;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ApiException.validation(field, field + " must be an http or https link");
    }

    public static void range(String field, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw ApiException.validation(field, field + " must be between " + min + " and " + max);
        }
    }

    /** The text checked as {@link #text}, or null when not given or blank. */
    public static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }
}
