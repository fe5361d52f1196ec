package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.codec.digest.MurmurHash3;

import java.util.HexFormat;

/**
 * A record's content hash: what tells a changed record from an unchanged one. "m3" and the first 62 hex digits
 * of two MurmurHash3 x64-128 (seeds 0 and 1) of the record's canonical JSON, 64 characters like the column. It
 * only has to tell versions of one record apart, not resist an attacker, and SHA-256, which release 0 stored
 * (64 lower-case hex digits, never starting with "m"), was the largest single cost of a no-change re-sync
 * (docs/benchmarks.md, issue 17). A row still holding a SHA-256 is compared by SHA-256 once, then given its new
 * hash without counting as a change.
 */
public final class ContentHash {

    private static final String PREFIX = "m3";
    private static final int LENGTH = 64;

    private ContentHash() {
    }

    /** The content hash of a record as the API sent it. */
    public static String of(JsonNode record) {
        return of(CanonicalJson.canonicalBytes(record));
    }

    public static String of(byte[] canonicalJson) {
        long[] first = MurmurHash3.hash128x64(canonicalJson, 0, canonicalJson.length, 0);
        long[] second = MurmurHash3.hash128x64(canonicalJson, 0, canonicalJson.length, 1);
        HexFormat hex = HexFormat.of();
        String digits = hex.toHexDigits(first[0]) + hex.toHexDigits(first[1]) + hex.toHexDigits(second[0])
                + hex.toHexDigits(second[1]);
        return PREFIX + digits.substring(0, LENGTH - PREFIX.length());
    }

    /** Whether the stored hash is release 0's SHA-256, which {@link #sameContent} checks the slow way. */
    static boolean isSha256(String stored) {
        return stored != null && !stored.startsWith(PREFIX);
    }

    /** Whether a stored hash, of either kind, is of the same content as the record. */
    static boolean sameContent(String stored, MappedRecord record) {
        if (isSha256(stored)) {
            return stored.equals(CanonicalJson.sha256(record.rawJsonUtf8()));
        }
        return record.contentHash().equals(stored);
    }
}
