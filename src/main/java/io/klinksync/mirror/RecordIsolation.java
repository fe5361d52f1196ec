package io.klinksync.mirror;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Writes a batch of records in one go and, only when the database refuses it for a record's content, writes
 * it again in halves until the records at fault stand alone. The fast path is the one write it always was;
 * each bad record costs about one write per halving. Errors of the connection or the server are not
 * a record's fault and are thrown as they are.
 */
final class RecordIsolation {

    /** One write of some records, in a transaction of its own. */
    interface Write {
        void write(NavigableMap<String, MappedRecord> records);
    }

    private RecordIsolation() {
    }

    /** Writes what the database accepts; returns the records it refused, each with the error that names why. */
    static Map<MappedRecord, SQLException> write(NavigableMap<String, MappedRecord> records, Write write) {
        Map<MappedRecord, SQLException> refused = new LinkedHashMap<>();
        writeOrHalve(records, write, refused);
        return refused;
    }

    private static void writeOrHalve(NavigableMap<String, MappedRecord> records, Write write,
                                     Map<MappedRecord, SQLException> refused) {
        if (records.isEmpty()) {
            return;
        }
        try {
            write.write(records);
        } catch (MirrorException e) {
            SQLException fault = RecordFault.in(e);
            if (fault == null) {
                throw e;
            }
            if (records.size() == 1) {
                refused.put(records.firstEntry().getValue(), fault);
                return;
            }
            // Halves of a sorted map stay sorted, so rows are still locked in id order.
            String middle = middleKey(records);
            writeOrHalve(records.headMap(middle, false), write, refused);
            writeOrHalve(records.tailMap(middle, true), write, refused);
        }
    }

    private static String middleKey(NavigableMap<String, MappedRecord> records) {
        Iterator<String> keys = records.keySet().iterator();
        for (int i = 0; i < records.size() / 2; i++) {
            keys.next();
        }
        return keys.next();
    }
}
