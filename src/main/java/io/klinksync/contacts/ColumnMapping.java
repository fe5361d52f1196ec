package io.klinksync.contacts;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a row of some CSV layout into the cells of our contacts format. Our own layout maps each column
 * onto itself (undoing the export's formula guard); foreign layouts (Google Contacts, Outlook, ...) are
 * described by config/mappings/NAME.yaml: per target column either one source column, or a rule that
 * joins several source columns into one text, or collects several into a multi-valued cell.
 */
public final class ColumnMapping {

    /** How one target column is filled from source columns. */
    record Rule(List<String> sources, String joinWith, String split, boolean primaryFirst, Set<String> drop,
                boolean multiValued, java.util.regex.Pattern matching, List<List<String>> firstOf) {

        /** The rule for one file: sources matching the pattern added in header order. */
        Rule bind(List<String> header) {
            if (matching == null) {
                return this;
            }
            List<String> bound = new ArrayList<>(sources);
            header.stream().filter(h -> matching.matcher(h).matches() && !bound.contains(h)).forEach(bound::add);
            return new Rule(bound, joinWith, split, primaryFirst, drop, multiValued, null, firstOf);
        }
    }

    /** The labels policy: what a mapping does with its tags: rule (Google's Labels). */
    static final String LABELS_TAGS = "tags";
    static final String LABELS_IGNORE = "ignore";

    private final String name;
    private final List<String> detect;
    private final Map<String, Rule> rules;
    private final MultiValue multiValue;
    private final boolean identity;
    private final String labels;

    private ColumnMapping(String name, List<String> detect, Map<String, Rule> rules, MultiValue multiValue,
                          boolean identity, String labels) {
        this.labels = labels;
        this.name = name;
        this.detect = detect;
        this.rules = rules;
        this.multiValue = multiValue;
        this.identity = identity;
    }

    /** Our own format: every column of the file is one of ours. */
    public static ColumnMapping identity(MultiValue multiValue) {
        return new ColumnMapping("klink-sync", List.of(), Map.of(), multiValue, true, LABELS_TAGS);
    }

    public static ColumnMapping load(Path file, MultiValue multiValue) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(reader);
        } catch (IOException | RuntimeException e) {
            throw new CsvFileException("Cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("columns") instanceof Map<?, ?> columns)) {
            throw new CsvFileException("Mapping file " + file + " needs a 'columns:' map of our column -> source"
                    + " column or rule; see config/mappings/google-contacts.yaml.");
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : columns.entrySet()) {
            String target = String.valueOf(e.getKey());
            if (!ContactColumns.FIXED.contains(target) && !ContactColumns.isCustom(target)) {
                throw new CsvFileException("Mapping file " + file + ": target column '" + target + "' is not one of "
                        + ContactColumns.FIXED + " and does not start with cf_.");
            }
            rules.put(target, rule(file, target, e.getValue()));
        }
        String labels = root.get("labels") == null ? LABELS_TAGS : String.valueOf(root.get("labels"));
        if (!labels.equals(LABELS_TAGS) && !labels.equals(LABELS_IGNORE)) {
            throw new CsvFileException("Mapping file " + file + ": labels: is '" + labels + "'; use tags or ignore.");
        }
        return new ColumnMapping(name, strings(root.get("detect")), rules, multiValue, false, labels);
    }

    private static Rule rule(Path file, String target, Object spec) {
        boolean multi = ContactColumns.MULTI_VALUED.contains(target);
        if (spec instanceof String source) {
            return new Rule(List.of(source), " ", null, false, Set.of(), multi, null, List.of());
        }
        if (spec instanceof Map<?, ?> map) {
            List<String> sources = new ArrayList<>(strings(map.get("join")));
            sources.addAll(strings(map.get("values")));
            List<List<String>> firstOf = new ArrayList<>();
            if (map.get("first-of") instanceof List<?> alternatives) {
                for (Object alternative : alternatives) {
                    List<String> group = alternative instanceof Map<?, ?> a ? strings(a.get("join")) : strings(alternative);
                    firstOf.add(group);
                    sources.addAll(group);
                }
            }
            java.util.regex.Pattern matching = null;
            if (map.get("matching") != null) {
                try {
                    matching = java.util.regex.Pattern.compile(String.valueOf(map.get("matching")));
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new CsvFileException("Mapping file " + file + ": column '" + target + "': matching: is not a"
                            + " regular expression: " + e.getDescription() + ".");
                }
            }
            if (sources.isEmpty() && matching == null) {
                throw new CsvFileException("Mapping file " + file + ": column '" + target + "' needs 'join: [...]',"
                        + " 'values: [...]', 'first-of: [...]' or 'matching: REGEX' naming source columns.");
            }
            Object with = map.get("with");
            Object split = map.get("split");
            return new Rule(sources, with == null ? " " : String.valueOf(with), split == null ? null : String.valueOf(split),
                    "first".equals(String.valueOf(map.get("primary"))), new LinkedHashSet<>(strings(map.get("drop"))),
                    multi || map.containsKey("values") || map.containsKey("matching"), matching, firstOf);
        }
        throw new CsvFileException("Mapping file " + file + ": column '" + target + "' must be a source column name"
                + " or a map with join/values.");
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    /** Mappings of a folder (config/mappings), by name. */
    public static Map<String, ColumnMapping> loadAll(Path dir, MultiValue multiValue) {
        Map<String, ColumnMapping> found = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted()
                    .forEach(p -> {
                        ColumnMapping m = load(p, multiValue);
                        found.put(m.name(), m);
                    });
        } catch (IOException e) {
            throw new CsvFileException("Cannot list mapping files in " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The mapping for a file header: the named one, else our own format when the header is ours, else the
     * first mapping whose detect: headers are all present, else our format (unknown columns are reported).
     */
    public static ColumnMapping choose(List<String> header, String requested, Path mappingsDir, MultiValue multiValue) {
        return choose(header, requested, mappingsDir, multiValue, null);
    }

    /** As above, bound to the file's header; labels (tags or ignore, null for the mapping's own) overrides labels:. */
    public static ColumnMapping choose(List<String> header, String requested, Path mappingsDir, MultiValue multiValue,
                                       String labels) {
        return chooseUnbound(header, requested, mappingsDir, multiValue).bind(header, labels);
    }

    private ColumnMapping bind(List<String> header, String labelsOverride) {
        if (identity) {
            return this;
        }
        String policy = labelsOverride == null ? labels : labelsOverride;
        Map<String, Rule> bound = new LinkedHashMap<>();
        rules.forEach((target, rule) -> {
            if (!(target.equals(ContactColumns.TAGS) && policy.equals(LABELS_IGNORE))) {
                bound.put(target, rule.bind(header));
            }
        });
        return new ColumnMapping(name, detect, bound, multiValue, false, policy);
    }

    private static ColumnMapping chooseUnbound(List<String> header, String requested, Path mappingsDir, MultiValue multiValue) {
        Map<String, ColumnMapping> all = loadAll(mappingsDir, multiValue);
        if (requested != null && !requested.isBlank() && !requested.equals("klink-sync")) {
            ColumnMapping m = all.get(requested);
            if (m == null) {
                throw new CsvFileException("No mapping '" + requested + "' in " + mappingsDir + "; available: "
                        + all.keySet() + " (or klink-sync for our own format).");
            }
            return m;
        }
        if (requested == null || requested.isBlank()) {
            boolean ours = header.contains(ContactColumns.NAME) || header.contains(ContactColumns.ID);
            if (!ours) {
                for (ColumnMapping m : all.values()) {
                    if (!m.detect.isEmpty() && header.containsAll(m.detect)) {
                        return m;
                    }
                }
            }
        }
        return identity(multiValue);
    }

    public String name() {
        return name;
    }

    public boolean isIdentity() {
        return identity;
    }

    /** Our columns this mapping fills, in order, given the file's header. */
    public List<String> columns(List<String> header) {
        return identity ? header : new ArrayList<>(rules.keySet());
    }

    /** Source columns a rule names that the file lacks (a hint that the wrong mapping was chosen). */
    public List<String> missingSources(List<String> header) {
        List<String> missing = new ArrayList<>();
        rules.values().forEach(r -> r.sources().stream().filter(s -> !header.contains(s)).forEach(missing::add));
        return missing;
    }

    /** Columns of the file no rule of this mapping reads (their values are not imported). */
    public List<String> unusedSources(List<String> header) {
        Set<String> used = new LinkedHashSet<>();
        rules.values().forEach(r -> used.addAll(r.sources()));
        return header.stream().filter(h -> !used.contains(h)).toList();
    }

    /** The row's cells in our format, keyed by our column names. */
    public Map<String, String> apply(CsvRow row) {
        Map<String, String> cells = new LinkedHashMap<>();
        if (identity) {
            row.cells().forEach((column, value) -> cells.put(column, FormulaGuard.unguard(value)));
            return cells;
        }
        rules.forEach((target, rule) -> cells.put(target, rule.multiValued() ? collect(rule, row) : join(rule, row)));
        return cells;
    }

    private static String join(Rule rule, CsvRow row) {
        if (!rule.firstOf().isEmpty()) {
            // e.g. Outlook: the Business address, else the Home one, else the Other one, never a mix
            for (List<String> group : rule.firstOf()) {
                String joined = join(new Rule(group, rule.joinWith(), null, false, Set.of(), false, null, List.of()), row);
                if (!joined.isEmpty()) {
                    return joined;
                }
            }
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String source : rule.sources()) {
            String value = row.cell(source);
            if (!value.isBlank()) {
                parts.add(rule.sources().size() == 1 ? value : value.strip());
            }
        }
        return String.join(rule.joinWith(), parts);
    }

    private String collect(Rule rule, CsvRow row) {
        List<String> values = new ArrayList<>();
        for (String source : rule.sources()) {
            String cell = row.cell(source);
            List<String> pieces = rule.split() == null ? List.of(cell) : List.of(cell.split(java.util.regex.Pattern.quote(rule.split()), -1));
            for (String piece : pieces) {
                String value = piece.strip();
                if (!value.isEmpty() && !rule.drop().contains(value) && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        if (rule.primaryFirst() && !values.isEmpty()) {
            values.set(0, MultiValue.PRIMARY_MARK + values.get(0));
        }
        return multiValue.join(values);
    }
}
