package io.klinksync.contacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes NAME.success.csv and NAME.errors.csv from the ledger: the input file is read again and joined, row by
 * row, with the run's ledger rows (both ordered by line, both streamed), so the files always agree with what
 * the ledger says happened. Each line is exactly the input's columns plus line, action, id and error (named
 * import_line, import_action, ... where the file already has a column of that name), in the input's
 * delimiter, with its BOM if it had one, and with the export's formula guard on every cell. Rows of an
 * interrupted run that were not sent yet are in neither file: the resumed run writes them.
 */
public final class ResultsFiles {

    /** Added after the input's columns: the physical line the row starts on, then what happened to it. */
    static final List<String> RESULT_COLUMNS = List.of("line", "action", "id", "error");

    private final ImportLedger ledger;
    private final int pageSize;

    public ResultsFiles(ImportLedger ledger, int pageSize) {
        this.ledger = ledger;
        this.pageSize = pageSize;
    }

    public void write(long runId, Path input, Path successFile, Path errorsFile) {
        try (ContactCsvReader reader = ContactCsvReader.open(input)) {
            List<String> header = new ArrayList<>(reader.header());
            for (String column : RESULT_COLUMNS) {
                // A file of our own format already has an id column: the result columns then say import_id etc.
                header.add(reader.header().contains(column) ? "import_" + column : column);
            }
            try (ContactCsvWriter success = ContactCsvWriter.create(successFile, header, reader.delimiter(), reader.bom(), false);
                 ContactCsvWriter errors = ContactCsvWriter.create(errorsFile, header, reader.delimiter(), reader.bom(), false)) {
                Iterator<ImportLedger.Row> rows = new LedgerRows(runId).iterator();
                ImportLedger.Row row = rows.hasNext() ? rows.next() : null;
                while (reader.hasNext()) {
                    CsvRow source = reader.next();
                    while (row != null && row.rowNumber() < source.rowNumber()) {
                        row = rows.hasNext() ? rows.next() : null;
                    }
                    if (row == null || row.rowNumber() != source.rowNumber() || notSentYet(row)) {
                        continue;
                    }
                    // Exactly the header's cells: a short row padded, the cells past the header (an invalid row,
                    // whose error says how many there were) left out, so every line has every column.
                    int width = reader.header().size();
                    List<String> values = source.values();
                    List<String> line = new ArrayList<>(values.subList(0, Math.min(width, values.size())));
                    while (line.size() < width) {
                        line.add("");
                    }
                    line.add(String.valueOf(source.rowNumber()));
                    line.add(row.action().label());
                    line.add(row.contactId() == null ? "" : row.contactId());
                    line.add(row.error() == null ? "" : row.error());
                    line.replaceAll(FormulaGuard::guardAsWritten);
                    (ImportLedger.DONE.equals(row.status()) ? success : errors).write(line);
                }
            }
        }
    }

    private static boolean notSentYet(ImportLedger.Row row) {
        return ImportLedger.PLANNED.equals(row.status()) || ImportLedger.SENDING.equals(row.status());
    }

    /** The run's ledger rows in row order, read a page at a time. */
    private final class LedgerRows implements Iterable<ImportLedger.Row> {
        private final long runId;

        LedgerRows(long runId) {
            this.runId = runId;
        }

        @Override
        public Iterator<ImportLedger.Row> iterator() {
            return new Iterator<>() {
                private List<ImportLedger.Row> page = ledger.page(runId, 0, pageSize);
                private int index;

                @Override
                public boolean hasNext() {
                    if (index < page.size()) {
                        return true;
                    }
                    if (page.size() < pageSize) {
                        return false;
                    }
                    page = ledger.page(runId, page.get(page.size() - 1).rowNumber(), pageSize);
                    index = 0;
                    return !page.isEmpty();
                }

                @Override
                public ImportLedger.Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return page.get(index++);
                }
            };
        }
    }
}
