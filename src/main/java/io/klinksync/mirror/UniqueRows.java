package io.klinksync.mirror;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Child rows of one record, first one per key kept: a repeated email or option must not break the key. */
final class UniqueRows {

    private final Map<String, Object[]> rows = new LinkedHashMap<>();

    void add(String key, Object... row) {
        if (key != null) {
            rows.putIfAbsent(key, row);
        }
    }

    int size() {
        return rows.size();
    }

    List<Object[]> list() {
        return new ArrayList<>(rows.values());
    }
}
