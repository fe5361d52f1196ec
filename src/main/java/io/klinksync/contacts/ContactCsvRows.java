package io.klinksync.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klinksync.runtime.StopSignal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The export route's mapping step: each mirror row (its raw_json, the contact exactly as the API listed it)
 * becomes the import's CSV columns, lazily, one row at a time as the marshal asks for it, so the route never
 * holds more than one contact. The header comes first. Child values (emails, phones, tags, custom fields) are
 * joined by {@link ContactShape}, as the import reads them.
 */
public final class ContactCsvRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char UTF8_BOM = '\uFEFF';

    private final List<ContactField> custom;
    private final List<String> header;
    private final MultiValue multiValue;
    private final boolean bom;
    private final boolean formulaGuard;
    private final StopSignal stop;
    private long rows;

    /** custom: the contact fields, sorted by column, as the live export lays them out too. */
    public ContactCsvRows(List<ContactField> custom, MultiValue multiValue, boolean bom, boolean formulaGuard, StopSignal stop) {
        this.custom = custom;
        this.multiValue = multiValue;
        this.bom = bom;
        this.formulaGuard = formulaGuard;
        this.stop = stop;
        List<String> columns = new ArrayList<>(ContactColumns.FIXED);
        custom.forEach(f -> columns.add(f.column()));
        this.header = List.copyOf(columns);
    }

    /**
     * The header, then one row per mirror row: column to cell, in the header's order (a map, which camel-csv
     * marshals as it is, with no type conversion per row). A stop (SIGTERM, Ctrl-C) is checked before each contact.
     */
    public Iterator<Map<String, String>> rows(Iterator<Map<String, Object>> mirrorRows) {
        return new Iterator<>() {
            private boolean headerGiven;

            @Override
            public boolean hasNext() {
                return !headerGiven || mirrorRows.hasNext();
            }

            @Override
            public Map<String, String> next() {
                if (!headerGiven) {
                    headerGiven = true;
                    return headerRow();
                }
                if (!mirrorRows.hasNext()) {
                    throw new NoSuchElementException();
                }
                stop.throwIfRequested("while exporting contacts");
                Map<String, String> line = cells(mirrorRows.next());
                rows++;
                return line;
            }
        };
    }

    /** Contacts mapped so far: after the route, the number written. */
    public long count() {
        return rows;
    }

    private Map<String, String> headerRow() {
        Map<String, String> names = new LinkedHashMap<>();
        header.forEach(column -> names.put(column, column));
        if (bom) {
            // Excel's byte order mark opens the file: written before the first header cell, which it never needs quoting for.
            names.put(header.get(0), UTF8_BOM + header.get(0));
        }
        return names;
    }

    private Map<String, String> cells(Map<String, Object> row) {
        // The query selects one column; its name's case differs between vendors.
        Object json = row.values().iterator().next();
        Map<String, String> cells = ContactShape.cells(parse(String.valueOf(json)), custom, multiValue);
        Map<String, String> line = new LinkedHashMap<>();
        for (String column : header) {
            String cell = cells.getOrDefault(column, "");
            line.put(column, formulaGuard ? FormulaGuard.guard(cell) : cell);
        }
        return line;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The mirror holds a raw_json that is not JSON (" + e.getOriginalMessage()
                    + "); run a contacts sync to rewrite it.", e);
        }
    }
}
