package io.klinksync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CSV mirror: one RFC 4180 UTF-8 file per table. A pass writes every table of its stream to temp files
 * next to the targets and, when it completes, renames each over the old file atomically; a failed pass
 * deletes its temp files, so readers only ever see the files of the last complete pass. Records missing
 * from a complete pass simply are not in the new files (there is no soft delete in CSV).
 */
public final class CsvMirrorWriter implements MirrorWriter {

    static final String SYNC_RUNS_FILE = "sync_runs.csv";
    static final List<String> SYNC_RUNS_COLUMNS = List.of("id", "stream", "profile", "started_at", "ended_at", "pages",
            "records_seen", "inserted", "updated", "unchanged", "deleted", "status", "error");
    static final String SYNC_REJECTS_FILE = "sync_rejects.csv";
    static final List<String> SYNC_REJECTS_COLUMNS = List.of("run_id", "stream", "record_id", "reason", "raw_json",
            "rejected_at");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final List<String> PARENT_BOOKKEEPING = List.of("raw_json", "content_hash", "synced_at");

    private final Path dir;
    private final Clock clock;
    private final AtomicLong runIds;
    private final Map<Long, Pass> passes = new ConcurrentHashMap<>();
    private final Object syncRunsLock = new Object();

    public CsvMirrorWriter(Path dir) {
        this(dir, Clock.systemUTC());
    }

    CsvMirrorWriter(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MirrorException("Cannot create the CSV mirror folder " + dir + ": " + e.getMessage()
                    + ". Create it, or set mirror.csv.dir to a writable folder.", e);
        }
        this.runIds = new AtomicLong(lastRunId());
    }

    /** The file holding one table of the mirror. */
    public Path fileOf(String table) {
        return dir.resolve(table + ".csv");
    }

    /** What one pass is writing: a temp file per table and the ids it has seen. */
    private final class Pass {
        final SyncRun run;
        final StreamTables tables;
        final Map<MirrorTable, CSVPrinter> printers = new LinkedHashMap<>();
        final Map<MirrorTable, Path> temps = new LinkedHashMap<>();
        final SeenIds seen = new SeenIds();
        final Map<MirrorTable, SeenIds> sharedKeys = new LinkedHashMap<>();
        /** Rows of sync_rejects for this walk; a CSV file holds any value, so only a record without an id is one. */
        final List<List<Object>> rejects = new ArrayList<>();

        Pass(SyncRun run, StreamTables tables) throws IOException {
            this.run = run;
            this.tables = tables;
            for (MirrorTable table : tables.allTables()) {
                Path temp = dir.resolve(table.name() + ".csv." + run.id() + TEMP_SUFFIX);
                List<String> header = new ArrayList<>(table.columnNames());
                if (table == tables.parent()) {
                    header.addAll(PARENT_BOOKKEEPING);
                }
                Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                temps.put(table, temp);
                printers.put(table, new CSVPrinter(out, CSVFormat.RFC4180.builder()
                        .setHeader(header.toArray(String[]::new)).get()));
            }
            for (MirrorTable shared : tables.shared()) {
                sharedKeys.put(shared, new SeenIds());
            }
        }

        synchronized int write(List<MappedRecord> records, List<Reject> rejected, Instant now) throws IOException {
            for (Reject reject : rejected) {
                rejects.add(Arrays.asList(run.id(), run.stream(), reject.recordId(), reject.reason(), reject.rawJson(), now));
            }
            run.rejected.addAndGet(rejected.size());
            int written = 0;
            for (MappedRecord record : records) {
                if (!seen.add(record.id())) {
                    continue;
                }
                written++;
                List<Object> parent = new ArrayList<>(record.parent().length + PARENT_BOOKKEEPING.size());
                for (Object value : record.parent()) {
                    parent.add(cell(value));
                }
                parent.add(record.rawJson());
                parent.add(record.contentHash());
                parent.add(now.toString());
                printers.get(tables.parent()).printRecord(parent);
                for (MirrorTable child : tables.children()) {
                    for (Object[] row : record.children().getOrDefault(child, List.of())) {
                        printers.get(child).printRecord(cells(row));
                    }
                }
                for (MirrorTable shared : tables.shared()) {
                    for (Object[] row : record.shared().getOrDefault(shared, List.of())) {
                        if (sharedKeys.get(shared).add(String.valueOf(row[0]))) {
                            printers.get(shared).printRecord(cells(row));
                        }
                    }
                }
            }
            return written;
        }

        void closePrinters() {
            for (CSVPrinter printer : printers.values()) {
                try {
                    printer.close(true);
                } catch (IOException e) {
                    // Closing a temp file that is about to be deleted or that failed already; the caller reports.
                }
            }
        }

        void deleteTemps() {
            for (Path temp : temps.values()) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // A leftover temp file is removed by the next pass of this stream.
                }
            }
        }
    }

    @Override
    public StreamLock lock(String stream, long waitMillis) {
        StreamTables.of(stream);
        return CsvStreamLock.acquire(dir, stream, waitMillis);
    }

    @Override
    public SyncRun begin(String stream, String profile) {
        StreamTables tables = StreamTables.of(stream);
        passes.values().removeIf(pass -> {
            if (pass.run.stream().equals(stream)) {
                pass.closePrinters();
                pass.deleteTemps();
                return true;
            }
            return false;
        });
        deleteStaleTemps(tables);
        SyncRun run = new SyncRun(runIds.incrementAndGet(), stream, profile, clock.instant());
        try {
            passes.put(run.id(), new Pass(run, tables));
        } catch (IOException e) {
            throw new MirrorException("Cannot open temp files for " + stream + " in the CSV mirror folder " + dir + ": "
                    + e.getMessage(), e);
        }
        return run;
    }

    @Override
    public void write(SyncRun run, MappedBatch batch) {
        Pass pass = pass(run);
        List<JsonNode> records = batch.source();
        List<MappedRecord> mapped = batch.mapped();
        List<Reject> rejects = batch.rejects();
        if (mapped.isEmpty() && rejects.size() > 1) {
            throw new MirrorException("No record of a batch of " + records.size() + " " + run.stream() + " records has an id,"
                    + " so they cannot be mirrored: " + rejects.get(0).reason() + ". A stream whose every record lacks an id"
                    + " is read from the wrong place; check the deployment profile's path for " + run.stream() + ".");
        }
        Instant now = clock.instant();
        int written;
        try {
            written = pass.write(mapped, rejects, now);
        } catch (IOException e) {
            throw new MirrorException("Cannot write " + records.size() + " records of " + run.stream() + " to the CSV mirror folder " + dir + ": "
                    + e.getMessage(), e);
        }
        run.seen.addAndGet(records.size());
        run.inserted.addAndGet(written);
    }

    @Override
    public long distinctSeen(SyncRun run) {
        Pass pass = pass(run);
        synchronized (pass) {
            return pass.seen.size() + pass.rejects.size();
        }
    }

    /** A re-walk starts the files over, as the pages already written may have shifted. */
    @Override
    public void resetSeen(SyncRun run) {
        Pass old = pass(run);
        old.closePrinters();
        old.deleteTemps();
        try {
            passes.put(run.id(), new Pass(run, old.tables));
        } catch (IOException e) {
            throw new MirrorException("Cannot reopen temp files for " + run.stream() + " in " + dir + ": " + e.getMessage(), e);
        }
        run.seen.set(0);
        run.inserted.set(0);
        run.rejected.set(0);
    }

    @Override
    public List<String> unseen(SyncRun run, int limit) {
        Pass pass = pass(run);
        List<String> ids = new ArrayList<>();
        try {
            forEachPrevious(pass.tables.parent(), record -> {
                String id = record.get("id");
                if (ids.size() < limit && !pass.seen.contains(id)) {
                    ids.add(id);
                }
            });
        } catch (IOException e) {
            throw new MirrorException("Cannot read the CSV mirror's " + pass.tables.parent().name() + " file in " + dir
                    + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * Rows missing from the pass are left out of the new files only when the API answered 404 for them; the
     * others are carried over from the old files (there is no sync_missing table here), for the next pass to
     * check again.
     */
    @Override
    public SyncRun complete(SyncRun run, Collection<String> gone) {
        Pass pass = passes.remove(run.id());
        if (pass == null) {
            throw new MirrorException("Run " + run.id() + " of " + run.stream() + " is not active in the CSV mirror"
                    + " (already ended, or superseded by a newer run of the stream).");
        }
        try {
            long[] counts = carryOverUnproven(pass, Set.copyOf(gone));
            pass.closePrinters();
            run.deleted.set(counts[0]);
            run.deletePending.set(counts[1]);
            for (Map.Entry<MirrorTable, Path> temp : pass.temps.entrySet()) {
                Files.move(temp.getValue(), fileOf(temp.getKey().name()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            pass.closePrinters();
            pass.deleteTemps();
            fail(run, "failed", "could not replace the CSV files: " + e.getMessage());
            throw new MirrorException("Cannot replace the CSV files of " + run.stream() + " in " + dir + ": " + e.getMessage()
                    + ". The folder must allow renames within itself.", e);
        }
        run.end("success", null);
        appendRejects(pass);
        appendSyncRun(run);
        return run;
    }

    /** Copies the unseen rows not proven gone, with their child rows, into the pass's files; answers {gone, kept}. */
    private long[] carryOverUnproven(Pass pass, Set<String> gone) throws IOException {
        SeenIds kept = new SeenIds();
        long[] counts = new long[2];
        CSVPrinter parents = pass.printers.get(pass.tables.parent());
        forEachPrevious(pass.tables.parent(), record -> {
            String id = record.get("id");
            if (pass.seen.contains(id)) {
                return;
            }
            if (gone.contains(id)) {
                counts[0]++;
                return;
            }
            counts[1]++;
            kept.add(id);
            print(parents, record);
        });
        for (MirrorTable child : pass.tables.children()) {
            CSVPrinter printer = pass.printers.get(child);
            forEachPrevious(child, record -> {
                if (kept.contains(record.get(child.parentColumn()))) {
                    print(printer, record);
                }
            });
        }
        return counts;
    }

    private static void print(CSVPrinter printer, CSVRecord record) {
        try {
            printer.printRecord(record.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forEachPrevious(MirrorTable table, java.util.function.Consumer<CSVRecord> action) throws IOException {
        Path previous = fileOf(table.name());
        if (!Files.exists(previous)) {
            return;
        }
        try (Reader in = Files.newBufferedReader(previous, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord record : parser) {
                action.accept(record);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public SyncRun fail(SyncRun run, String status, String error) {
        SyncRun.requireFailure(status);
        Pass pass = passes.remove(run.id());
        if (pass != null) {
            pass.closePrinters();
            pass.deleteTemps();
            appendRejects(pass);
        }
        run.end(status, error);
        appendSyncRun(run);
        return run;
    }

    @Override
    public void close() {
        for (Pass pass : passes.values()) {
            pass.closePrinters();
            pass.deleteTemps();
        }
        passes.clear();
    }

    private Pass pass(SyncRun run) {
        Pass pass = passes.get(run.id());
        if (pass == null) {
            throw new MirrorException("Run " + run.id() + " of " + run.stream() + " is not active in the CSV mirror"
                    + " (already ended, or superseded by a newer run of the stream).");
        }
        return pass;
    }

    /** Records in the previous file of the parent table that this pass did not see. */
    private void appendSyncRun(SyncRun run) {
        append(SYNC_RUNS_FILE, SYNC_RUNS_COLUMNS, List.of(Arrays.asList(run.id(), run.stream(), run.profile(), run.startedAt(),
                clock.instant(), run.pages.get(), run.seen.get(), run.inserted.get(), run.updated.get(), run.unchanged.get(),
                run.deleted.get(), run.status(), run.error())));
    }

    /** The rejects of the pass's last walk, once it ended: a re-walk starts them over, as it starts the files over. */
    private void appendRejects(Pass pass) {
        if (pass.rejects.isEmpty()) {
            return;
        }
        append(SYNC_REJECTS_FILE, SYNC_REJECTS_COLUMNS, pass.rejects);
    }

    /** Appends rows to a log file of the folder, with a header when the file is new. */
    private void append(String name, List<String> columns, List<? extends List<Object>> rows) {
        Path file = dir.resolve(name);
        synchronized (syncRunsLock) {
            try {
                boolean fresh = !Files.exists(file) || Files.size(file) == 0;
                CSVFormat format = fresh ? CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get()
                        : CSVFormat.RFC4180;
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND); CSVPrinter printer = new CSVPrinter(out, format)) {
                    for (List<Object> row : rows) {
                        printer.printRecord(row);
                    }
                }
            } catch (IOException e) {
                throw new MirrorException("Cannot append to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private long lastRunId() {
        Path file = dir.resolve(SYNC_RUNS_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        long last = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord record : parser) {
                last = Math.max(last, Long.parseLong(record.get("id")));
            }
        } catch (IOException | RuntimeException e) {
            throw new MirrorException("Cannot read " + file + " (" + e.getMessage() + "). Fix or remove the file; it only"
                    + " logs past runs.", e);
        }
        return last;
    }

    /** Temp files left by a process that died mid-pass. */
    private void deleteStaleTemps(StreamTables tables) {
        for (MirrorTable table : tables.allTables()) {
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, table.name() + ".csv.*" + TEMP_SUFFIX)) {
                for (Path file : stale) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean temp files in " + dir, e);
            }
        }
    }

    private static List<Object> cells(Object[] row) {
        List<Object> cells = new ArrayList<>(row.length);
        for (Object value : row) {
            cells.add(cell(value));
        }
        return cells;
    }

    private static Object cell(Object value) {
        return value instanceof Instant instant ? instant.toString() : value;
    }
}
