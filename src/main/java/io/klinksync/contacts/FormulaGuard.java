package io.klinksync.contacts;

/**
 * Neutralises spreadsheet formula injection in exported cells with a leading apostrophe, and reverses exactly
 * that on import so that export then import is lossless. A cell is guarded when, after any apostrophes it
 * already starts with, it begins with = + - @ tab or CR; guarding such a cell adds one apostrophe, and
 * unguarding removes one, so values that really start with an apostrophe survive the round trip too.
 */
public final class FormulaGuard {

    private static final String TRIGGERS = "=+-@\t\r";
    private static final char GUARD = '\'';

    private FormulaGuard() {
    }

    public static String guard(String cell) {
        return needsGuard(cell) ? GUARD + cell : cell;
    }

    public static String unguard(String cell) {
        return cell != null && !cell.isEmpty() && cell.charAt(0) == GUARD && needsGuard(cell.substring(1))
                ? cell.substring(1) : cell;
    }

    private static boolean needsGuard(String cell) {
        if (cell == null) {
            return false;
        }
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == GUARD) {
            i++;
        }
        return i < cell.length() && TRIGGERS.indexOf(cell.charAt(i)) >= 0;
    }
}
