package io.klinksync.mirror;

import java.util.List;
import java.util.Map;

/**
 * One API record as rows: the parent row (values in the parent table's column order), the rows of each
 * child table (replaced whenever the record changes) and rows of shared tables (upserted by key, never
 * deleted, such as companies).
 */
public record MappedRecord(String id, String contentHash, String rawJson, Object[] parent,
                           Map<MirrorTable, List<Object[]>> children, Map<MirrorTable, List<Object[]>> shared) {
}
