package io.klinksync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.mirror.MappedRecord;
import io.klinksync.mirror.MirrorTable;
import io.klinksync.mirror.StreamTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rows of the load baselines: the pages the benchmark downloaded beforehand (page-NNNNNNN.json files), parsed
 * with Jackson and mapped by the mirror's own mapper, in page order. Each shared row (such as a company) is given
 * once, by key, as the sync upserts it. One place for the COPY load and the plain-JDBC loads, so they load the
 * same rows.
 */
final class MappedPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the rows go: the parent row of each record, then its child and shared rows. */
    interface RowSink {
        void parentRow(MappedRecord record) throws SQLException;

        void row(MirrorTable table, Object[] values) throws SQLException;
    }

    /** The parent table's bookkeeping columns, in the order the mirror's schema has them after the record columns. */
    static final List<String> PARENT_BOOKKEEPING = List.of("raw_json", "content_hash", "first_seen_at",
            "synced_at", "deleted_at");

    private MappedPages() {
    }

    /** Feeds every record of the pages in PAGES_DIR to SINK; answers how many records there were. */
    static long feed(Path pagesDir, StreamTables tables, RowSink sink) throws IOException, SQLException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(pagesDir)) {
            pages = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        Set<String> sharedKeys = new HashSet<>();
        long records = 0;
        for (Path page : pages) {
            for (JsonNode record : JSON.readTree(page.toFile()).path("data")) {
                MappedRecord mapped = tables.mapper().map(record);
                sink.parentRow(mapped);
                for (var child : mapped.children().entrySet()) {
                    for (Object[] row : child.getValue()) {
                        sink.row(child.getKey(), row);
                    }
                }
                for (var shared : mapped.shared().entrySet()) {
                    for (Object[] row : shared.getValue()) {
                        if (sharedKeys.add(shared.getKey().name() + ":" + row[0])) {
                            sink.row(shared.getKey(), row);
                        }
                    }
                }
                records++;
            }
        }
        return records;
    }
}
