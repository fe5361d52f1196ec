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

    /**
     * The guard for a cell copied from an input file (the results files): a cell a spreadsheet would run gets the
     * apostrophe; one already starting with an apostrophe is already safe and stays as written, so re-importing
     * a results file reads the same value as the input did.
     */
    public static String guardAsWritten(String cell) {
        return cell != null && !cell.isEmpty() && TRIGGERS.indexOf(cell.charAt(0)) >= 0 ? GUARD + cell : cell;
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
