package io.klinksync.status;

/** One line of `klink-sync check`: what was checked, whether it passed, and why in words. */
public record CheckResult(String check, boolean ok, String message) {

    public static CheckResult pass(String check, String message) {
        return new CheckResult(check, true, message);
    }

    public static CheckResult fail(String check, String message) {
        return new CheckResult(check, false, message);
    }

    public String line() {
        return (ok ? "✓ " : "✗ ") + check + ": " + message;
    }
}
