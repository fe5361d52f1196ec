package io.klinksync.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds list answers by concatenating stored record bytes: no record is parsed to serve a page. */
final class PageBodies {

    private PageBodies() {
    }

    /** {"has_more": bool, "data": [...]} */
    static byte[] cursor(List<byte[]> records, boolean hasMore) {
        return join("{\"has_more\":" + hasMore + ",\"data\":[", records);
    }

    /** {"total","page","pageSize","lastPage","data"} */
    static byte[] page(int total, int page, int pageSize, int lastPage, List<byte[]> records) {
        return join("{\"total\":" + total + ",\"page\":" + page + ",\"pageSize\":" + pageSize + ",\"lastPage\":"
                + lastPage + ",\"data\":[", records);
    }

    private static byte[] join(String head, List<byte[]> records) {
        int size = head.length() + 2 + records.size();
        for (byte[] record : records) {
            size += record.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i));
        }
        out.write(']');
        out.write('}');
        return out.toByteArray();
    }
}
