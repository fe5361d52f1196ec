package io.klinksync.contacts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, row by row and before anything is sent, what an import does. One planner serves one file, a batch of
 * rows at a time: each row is read and checked on its own (CandidateReader), its keys are checked against the
 * earlier rows of the file and the existing contact found (ContactMatcher), the mode decides between create and
 * update, and the body and diff are built (ChangePlanner).
 */
public final class ImportPlanner {

    /** What to do with rows that match, or do not match, an existing contact. */
    public enum Mode {
        CREATE_ONLY, UPDATE_ONLY, UPSERT;

        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Import mode '" + text + "' is not one of create-only, update-only, upsert.");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Mode mode;
    private final CandidateReader reader;
    private final ContactMatcher matcher;
    private final ChangePlanner changes;

    /** points: what a valid email and phone are; cellLimit: characters of a cell quoted in a message. */
    ImportPlanner(ContactFieldCatalog catalog, ContactDirectory directory, Mode mode, BlankPolicy blanks,
                  List<String> matchKeys, MultiValue multiValue, String createNameField, ContactPoints points,
                  int cellLimit, ContactMatcher.FileKeys fileKeys) {
        CellQuote cells = new CellQuote(cellLimit);
        this.matcher = new ContactMatcher(directory, matchKeys, fileKeys, cells);
        this.mode = mode;
        this.reader = new CandidateReader(catalog, blanks, multiValue, points, cells);
        this.changes = new ChangePlanner(catalog, multiValue, createNameField);
    }

    /** The plans of a batch of rows, in file order. */
    public List<RowPlan> plan(List<CsvRow> rows, List<String> header, ColumnMapping mapping) {
        List<ImportCandidate> candidates = new ArrayList<>(rows.size());
        for (CsvRow row : rows) {
            candidates.add(reader.read(row, header, mapping));
        }
        List<RowPlan> plans = new ArrayList<>(rows.size());
        for (ContactMatcher.Keyed keyed : matcher.withFileKeys(candidates)) {
            plans.add(plan(keyed.candidate(), keyed.matchKey()));
        }
        return plans;
    }

    private RowPlan plan(ImportCandidate candidate, String matchKey) {
        if (!candidate.errors().isEmpty()) {
            return ChangePlanner.invalid(candidate, matchKey, null);
        }
        Optional<JsonNode> existing = matcher.existing(candidate);
        if (!candidate.errors().isEmpty()) {
            return ChangePlanner.invalid(candidate, matchKey, null);
        }
        if (existing.isEmpty()) {
            if (mode == Mode.UPDATE_ONLY) {
                candidate.errors().add(new RowError(candidate.row(), null, "no existing contact matches this row (by id or "
                        + matcher.matchKeys() + ") and the mode is update-only; use --mode upsert to create it"));
                return ChangePlanner.invalid(candidate, matchKey, null);
            }
            return changes.create(candidate, matchKey);
        }
        String contactId = existing.get().path("id").asText();
        if (mode == Mode.CREATE_ONLY) {
            candidate.errors().add(new RowError(candidate.row(), null, "contact " + contactId + " already exists (matched by "
                    + matchKey + ") and the mode is create-only; use --mode upsert to update it"));
            return ChangePlanner.invalid(candidate, matchKey, contactId);
        }
        return changes.update(candidate, matchKey, contactId, existing.get());
    }
}
