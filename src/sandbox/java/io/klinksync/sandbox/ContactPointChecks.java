package io.klinksync.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's rules for an email address and a phone number, as the sandbox enforces them (422 otherwise). The
 * import checks rows by the same rules before it sends them (io.klinksync.contacts.ContactPoints, with its default
 * digit limits); the sandbox keeps its own copy so that it needs nothing of the product, and
 * ContactPointAgreementTest keeps the two answering alike. Each check answers null when the value is valid, else
 * the reason.
 */
final class ContactPointChecks {

    /** The API's digit limits, which are also the import's defaults. */
    private static final int MIN_DIGITS = 3;
    private static final int MAX_DIGITS = 15;
    /** RFC 5321 limits. */
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_ADDRESS_LENGTH = 254;

    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?");
    private static final Pattern TOP_LABEL = Pattern.compile("(\\p{L}{2,}|xn--[a-zA-Z0-9-]+)");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]*[0-9][0-9 ().\\-/]*?"
            + "(?:\\s*(?:ext\\.?|x|#)\\s*([0-9]+))?", Pattern.CASE_INSENSITIVE);

    private ContactPointChecks() {
    }

    /** Null when valid, else why not. */
    static String emailProblem(String address) {
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
    static String phoneProblem(String number) {
        String stripped = number.strip();
        Matcher m = PHONE.matcher(stripped);
        if (!m.matches()) {
            return "use digits with spaces, ( ) - . /, an optional leading + and an optional extension (ext. 12, x12, #12)";
        }
        String main = m.group(1) == null ? stripped : stripped.substring(0, m.start(1));
        long digits = main.chars().filter(c -> c >= '0' && c <= '9').count();
        if (digits < MIN_DIGITS) {
            return "it has " + digits + " digits; a phone number has at least " + MIN_DIGITS;
        }
        if (digits > MAX_DIGITS) {
            return "it has " + digits + " digits; a phone number has at most " + MAX_DIGITS;
        }
        return null;
    }
}
