package io.klinksync.contacts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of a valid email address and phone number, shared by the import's validation and the
 * sandbox API, so that a row the import accepts is a row the API accepts. Each check answers null when the
 * value is valid, else the reason in words a person can act on.
 *
 * <p>Emails: one address, the RFC 5322 subset mail systems accept: a dot-atom local part (letters, digits and
 * !#$%&'*+/=?^_`{|}~- between single dots), one @, and a domain of dot-separated labels of letters, digits and
 * inner hyphens, ending in a label of at least two letters; at most 64 characters before the @ and 254 in all.
 * Phones: digits with spaces, ( ) - . /, an optional leading +, an optional extension (ext, ext., x or #
 * followed by digits), and between min and max digits before the extension.
 */
public final class ContactPoints {

    /** The documented defaults of import.phone.min-digits and import.phone.max-digits. */
    public static final int DEFAULT_MIN_DIGITS = 3;
    public static final int DEFAULT_MAX_DIGITS = 15;
    /** RFC 5321 limits. */
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_ADDRESS_LENGTH = 254;

    public static final ContactPoints DEFAULT = new ContactPoints(DEFAULT_MIN_DIGITS, DEFAULT_MAX_DIGITS);

    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?");
    private static final Pattern TOP_LABEL = Pattern.compile("(\\p{L}{2,}|xn--[a-zA-Z0-9-]+)");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]*[0-9][0-9 ().\\-/]*?"
            + "(?:\\s*(?:ext\\.?|x|#)\\s*([0-9]+))?", Pattern.CASE_INSENSITIVE);

    private final int minDigits;
    private final int maxDigits;

    public ContactPoints(int minDigits, int maxDigits) {
        if (minDigits < 1 || maxDigits < minDigits) {
            throw new IllegalArgumentException("import.phone.min-digits (" + minDigits + ") must be at least 1 and at most"
                    + " import.phone.max-digits (" + maxDigits + ").");
        }
        this.minDigits = minDigits;
        this.maxDigits = maxDigits;
    }

    public int minDigits() {
        return minDigits;
    }

    public int maxDigits() {
        return maxDigits;
    }

    /** Null when valid, else why not. */
    public String emailProblem(String address) {
        int at = address.indexOf('@');
        if (at < 0) {
            return "it has no @";
        }
        if (address.indexOf('@', at + 1) >= 0) {
            return "it has more than one @; put one address per value";
        }
        if (address.length() > MAX_ADDRESS_LENGTH) {
            return "it is longer than " + MAX_ADDRESS_LENGTH + " characters";
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches()) {
            return "the part before @ must be 1 to " + MAX_LOCAL_LENGTH + " letters, digits or !#$%&'*+/=?^_`{|}~-"
                    + " with single dots between them";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "the domain after @ needs a dot, as in example.com";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "the domain after @ must be labels of letters, digits and inner hyphens separated by single dots";
            }
        }
        if (!TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return "the domain after @ must end in a top-level domain of at least two letters, as in .com";
        }
        return null;
    }

    /** Null when valid, else why not. */
    public String phoneProblem(String number) {
        String stripped = number.strip();
        Matcher m = PHONE.matcher(stripped);
        if (!m.matches()) {
            return "use digits with spaces, ( ) - . /, an optional leading + and an optional extension (ext. 12, x12, #12)";
        }
        String main = m.group(1) == null ? stripped : stripped.substring(0, m.start(1));
        long digits = main.chars().filter(c -> c >= '0' && c <= '9').count();
        if (digits < minDigits) {
            return "it has " + digits + " digits; a phone number has at least " + minDigits;
        }
        if (digits > maxDigits) {
            return "it has " + digits + " digits; a phone number has at most " + maxDigits;
        }
        return null;
    }
}
