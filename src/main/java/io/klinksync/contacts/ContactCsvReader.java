package io.klinksync.contacts;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams the rows of a contacts CSV file one record at a time (never the whole file in memory).
 *
 * <p>Why commons-csv's CSVParser directly instead of camel-csv's unmarshal: the delimiter (comma or semicolon)
 * must be detected from the header line before the format is built, the UTF-8 BOM must be dropped before the
 * parser sees the header, and every row needs its record number for error messages and for joining results
 * back to the ledger. camel-csv's CsvDataFormat (even with lazyLoad) fixes the format up front and hands out
 * bare lists without record numbers, so the import bean owns the parser, which is still commons-csv, and the
 * routes (inbox) only hand it the file.
 *
 * <p>Robustness: UTF-8 with or without BOM (malformed bytes are an error, never silently replaced), CRLF or
 * LF line ends, quoted fields with delimiters, quotes and line breaks inside, values kept byte-exact (no
 * trimming), duplicate or empty header names rejected with their position.
 */
public final class ContactCsvReader implements Closeable, Iterator<CsvRow> {

    /** Characters of the header line inspected to choose the delimiter. */
    private static final int HEADER_PEEK_LIMIT = 1 << 16;

    private final Path file;
    private final char delimiter;
    private final List<String> header;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    private ContactCsvReader(Path file, char delimiter, List<String> header, CSVParser parser) {
        this.file = file;
        this.delimiter = delimiter;
        this.header = header;
        this.parser = parser;
        this.records = parser.iterator();
    }

    public static ContactCsvReader open(Path file) {
        BufferedReader reader = null;
        try {
            BOMInputStream bomless = BOMInputStream.builder()
                    .setInputStream(Files.newInputStream(file))
                    .setByteOrderMarks(ByteOrderMark.UTF_8)
                    .setInclude(false)
                    .get();
            reader = new BufferedReader(new InputStreamReader(bomless, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
            char delimiter = detectDelimiter(reader);
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(false)
                    .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
                    .setIgnoreEmptyLines(true)
                    .setTrim(false)
                    .get();
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            List<String> header = Collections.unmodifiableList(new ArrayList<>(parser.getHeaderNames()));
            if (header.isEmpty()) {
                throw new CsvFileException(file + " has no header line; the first line must name the columns"
                        + " (e.g. id,name,emails,phones,...).");
            }
            return new ContactCsvReader(file, delimiter, header, parser);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            closeQuietly(reader);
            throw new CsvFileException("Cannot read the header of " + file + ": " + e.getMessage()
                    + ". Expected a UTF-8 CSV file whose first line names the columns.", e);
        }
    }

    /** Comma unless the header line has more semicolons than commas outside quotes. */
    private static char detectDelimiter(BufferedReader reader) throws IOException {
        reader.mark(HEADER_PEEK_LIMIT);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < HEADER_PEEK_LIMIT; i++) {
            int c = reader.read();
            if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }

    public Path file() {
        return file;
    }

    public char delimiter() {
        return delimiter;
    }

    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw broken(e);
        }
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
            record = records.next();
        } catch (UncheckedIOException e) {
            throw broken(e);
        }
        List<String> values = record.toList();
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), i < values.size() ? values.get(i) : "");
        }
        return new CsvRow(record.getRecordNumber() + 1, values, cells);
    }

    private CsvFileException broken(UncheckedIOException e) {
        return new CsvFileException(file + " is not a well-formed CSV file after row "
                + (parser.getRecordNumber() + 1) + ": " + e.getCause().getMessage()
                + ". Check for an unclosed quote or bytes that are not UTF-8.", e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // Read-only file: nothing is lost when closing fails.
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // The original failure is the one worth reporting.
            }
        }
    }
}
