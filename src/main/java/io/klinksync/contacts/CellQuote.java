package io.klinksync.contacts;

/** How a cell is quoted in a message: at most limit characters, so a huge cell never floods a message. */
record CellQuote(int limit) {

    private static final String ELLIPSIS = "…";

    /** The value cut to limit characters (never inside a surrogate pair), marked with an ellipsis when cut. */
    static String shorten(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end) + ELLIPSIS;
    }

    String shorten(String value) {
        return shorten(value, limit);
    }

    /** The value shortened and in single quotes. */
    String quote(String value) {
        return "'" + shorten(value) + "'";
    }
}
