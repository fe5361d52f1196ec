package io.klinksync.contacts;

import io.klinksync.config.UserMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the records of a contacts CSV file one at a time (never the whole file in memory), each with the
 * physical line it starts on and its record number.
 *
 * <p>Why commons-csv's CSVParser directly instead of camel-csv's unmarshal: the delimiter (comma or semicolon)
 * must be detected from the header line before the format is built, the UTF-8 BOM must be dropped (and
 * remembered, for the results files) before the parser sees the header, and every record needs its line for
 * messages and for joining results back to the ledger. camel-csv's CsvDataFormat fixes the format up front and
 * hands out bare lists, so the import bean owns the parser, which is still commons-csv.
 *
 * <p>Damage stays in its row: a byte that is not UTF-8 (Utf8Lines) makes only its record invalid; a broken
 * quote makes the record it starts in invalid, and reading resumes with a fresh parser at the next physical
 * line. Only a header that cannot be read fails the whole file, naming the line and byte offset.
 */
public final class ContactCsvReader implements Closeable, Iterator<CsvRow> {

    /** Characters of the header line inspected to choose the delimiter. */
    private static final int HEADER_PEEK_LIMIT = 1 << 16;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final char delimiter;
    private final boolean bom;
    private final List<String> header;
    private Utf8Lines source;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    /** Physical line before the first line the current parser reads. */
    private long lineBase;
    private long recordNumber;
    private CsvRow pending;
    private boolean done;

    private ContactCsvReader(Path file, char delimiter, boolean bom, List<String> header, Utf8Lines source,
                             CSVParser parser) {
        this.file = file;
        this.delimiter = delimiter;
        this.bom = bom;
        this.header = header;
        this.source = source;
        this.parser = parser;
        this.records = parser.iterator();
    }

    private static final Pattern DUPLICATE_HEADER = Pattern.compile("duplicate name: \"(.*?)\" in");

    public static ContactCsvReader open(Path file) {
        Utf8Lines source = null;
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file));
            in.mark(BOM.length);
            byte[] start = in.readNBytes(BOM.length);
            boolean bom = java.util.Arrays.equals(start, BOM);
            if (!bom) {
                in.reset();
            }
            source = new Utf8Lines(in, bom ? BOM.length : 0, 1);
            java.io.BufferedReader peek = new java.io.BufferedReader(source, HEADER_PEEK_LIMIT);
            char delimiter = detectDelimiter(peek);
            CSVParser parser = CSVParser.builder().setReader(peek).setFormat(format(delimiter)
                    .setHeader().setSkipHeaderRecord(true).get()).get();
            List<String> header = Collections.unmodifiableList(new ArrayList<>(parser.getHeaderNames()));
            if (header.isEmpty()) {
                throw new CsvFileException(file + " has no header line; the first line must name the columns"
                        + " (e.g. id,name,emails,phones,...).");
            }
            List<Utf8Lines.BadByte> bad = source.badBytes(1, Math.max(1, parser.getCurrentLineNumber()));
            if (!bad.isEmpty()) {
                throw new CsvFileException("Cannot read the header of " + file + ": " + badByteText(bad.get(0))
                        + ". Save the file as UTF-8.");
            }
            return new ContactCsvReader(file, delimiter, bom, header, source, parser);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            closeQuietly(source);
            throw new CsvFileException("Cannot read the header of " + file + " (line 1): " + headerProblem(e)
                    + ". Expected a UTF-8 CSV file whose first line names the columns, each once.", e);
        } catch (CsvFileException e) {
            closeQuietly(source);
            throw e;
        }
    }

    /** Commons CSV's header complaints in the user's terms, since its own advise calling a builder method. */
    private static String headerProblem(Exception e) {
        String text = String.valueOf(e.getMessage());
        Matcher duplicate = DUPLICATE_HEADER.matcher(text);
        if (duplicate.find()) {
            return "the column '" + duplicate.group(1) + "' appears more than once";
        }
        if (text.startsWith("A header name is missing")) {
            return "a column has no name";
        }
        return UserMessage.of(e, "unreadable").replaceAll("\\.+$", "");
    }

    /** Blank lines are kept as records (and skipped here) so that line numbers can be counted. */
    private static CSVFormat.Builder format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setIgnoreEmptyLines(false)
                .setTrim(false);
    }

    private static String badByteText(Utf8Lines.BadByte b) {
        return String.format("byte 0x%02X at line %d, byte offset %d is not UTF-8", b.value(), b.line(), b.offset());
    }

    /** Comma unless the header line has more semicolons than commas outside quotes. */
    private static char detectDelimiter(java.io.BufferedReader reader) throws IOException {
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

    /** Whether the file starts with a UTF-8 byte order mark (the results files then do too). */
    public boolean bom() {
        return bom;
    }

    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !done) {
            pending = read();
        }
        return pending != null;
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRow row = pending;
        pending = null;
        return row;
    }

    /** The next record, null for a blank line (and at the end, with done set). */
    private CsvRow read() {
        long start = lineBase + parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                done = true;
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            return broken(start, e);
        }
        long end = Math.max(start, lineBase + parser.getCurrentLineNumber());
        List<Utf8Lines.BadByte> bad = source.badBytes(start, end);
        if (record.size() == 1 && record.get(0).isEmpty() && bad.isEmpty()) {
            return null; // a blank line
        }
        List<String> values = record.toList();
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), i < values.size() ? values.get(i) : "");
        }
        List<String> problems = new ArrayList<>();
        for (Utf8Lines.BadByte b : bad) {
            problems.add(String.format("byte 0x%02X at byte offset %d (line %d) is not UTF-8; save the file as UTF-8",
                    b.value(), b.offset(), b.line()));
        }
        return new CsvRow(start, ++recordNumber, values, cells, problems);
    }

    /**
     * The record starting at line start cannot be parsed (a quote opened and not closed before the delimiter):
     * it becomes one invalid row, and a new parser starts reading at the next physical line.
     */
    private CsvRow broken(long start, RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String reason = cause.getMessage() == null ? "unreadable" : cause.getMessage();
        int at = reason.indexOf(" at line");
        reason = (at > 0 ? reason.substring(0, at) : reason).toLowerCase(java.util.Locale.ROOT);
        long offset = source.offsetOfLine(start);
        long next = source.offsetOfLine(start + 1);
        source.badBytes(start + 1, start + 1);
        closeQuietly(parser);
        CsvRow row = new CsvRow(start, ++recordNumber, List.of(), emptyCells(), List.of("the record starting at byte offset "
                + offset + " has a broken quote (" + reason + "); a quoted cell must end with \" followed by the delimiter"
                + " or the line end, and a \" inside it is written \"\""));
        if (next < 0) {
            done = true;
            return row;
        }
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file));
            in.skipNBytes(next);
            source = new Utf8Lines(in, next, start + 1);
            parser = CSVParser.builder().setReader(new java.io.BufferedReader(source))
                    .setFormat(format(delimiter).setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(false).get()).get();
            records = parser.iterator();
            lineBase = start;
        } catch (IOException ex) {
            throw new CsvFileException("Cannot read " + file + " after line " + start + ": " + ex.getMessage(), ex);
        }
        return row;
    }

    private Map<String, String> emptyCells() {
        Map<String, String> cells = new LinkedHashMap<>();
        header.forEach(h -> cells.put(h, ""));
        return cells;
    }

    @Override
    public void close() {
        closeQuietly(parser);
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Read-only file: the original failure, if any, is the one worth reporting.
            }
        }
    }
}
