package io.klinksync.contacts;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes CSV files of our format and the import's result files, one record at a time: RFC 4180 with CRLF,
 * UTF-8, optionally with a BOM and ';' for Excel, and with the formula guard on every cell when asked.
 */
public final class ContactCsvWriter implements Closeable {

    private static final char UTF8_BOM = '\uFEFF';

    private final Path file;
    private final CSVPrinter printer;
    private final boolean formulaGuard;
    private long rows;

    private ContactCsvWriter(Path file, CSVPrinter printer, boolean formulaGuard) {
        this.file = file;
        this.printer = printer;
        this.formulaGuard = formulaGuard;
    }

    /** excel: BOM and ';' so that Excel opens the file with the right encoding and columns. */
    public static ContactCsvWriter create(Path file, List<String> header, boolean excel, boolean formulaGuard) {
        return create(file, header, excel ? ';' : ',', excel, formulaGuard);
    }

    public static ContactCsvWriter create(Path file, List<String> header, char delimiter, boolean bom, boolean formulaGuard) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
            if (bom) {
                out.write(UTF8_BOM);
            }
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get());
            printer.printRecord(header);
            return new ContactCsvWriter(file, printer, formulaGuard);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage() + ". Check that the folder exists and is writable.", e);
        }
    }

    public void write(List<String> cells) {
        List<String> out = cells;
        if (formulaGuard) {
            out = new ArrayList<>(cells.size());
            for (String cell : cells) {
                out.add(FormulaGuard.guard(cell));
            }
        }
        try {
            printer.printRecord(out);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write row " + (rows + 2) + " of " + file + ": " + e.getMessage(), e);
        }
    }

    public long rows() {
        return rows;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish " + file + ": " + e.getMessage(), e);
        }
    }
}
